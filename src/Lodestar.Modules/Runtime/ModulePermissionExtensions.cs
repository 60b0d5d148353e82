namespace Lodestar.Modules;

/// <summary>Writes module permissions the way the seeds name them.</summary>
public static class ModulePermissionExtensions
{
    /// <summary>Writes <paramref name="permission"/> on <paramref name="moduleId"/>, e.g. <c>manage:storage</c>.</summary>
    /// <param name="permission">The permission.</param>
    /// <param name="moduleId">The module id, or <c>*</c> for every module.</param>
    /// <returns><c>view:{id}</c>, <c>configure:{id}</c> or <c>manage:{id}</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permission"/> is not a defined value.</exception>
    public static string For(this ModulePermission permission, string moduleId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        return permission switch
        {
            ModulePermission.View => "view:" + moduleId,
            ModulePermission.Configure => "configure:" + moduleId,
            ModulePermission.Manage => "manage:" + moduleId,
            _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Use ModulePermission.View, Configure or Manage."),
        };
    }
}
