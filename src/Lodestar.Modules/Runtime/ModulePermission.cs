namespace Lodestar.Modules;

/// <summary>
/// What a caller may do with one module. Written <c>view:{id}</c>, <c>configure:{id}</c> and
/// <c>manage:{id}</c> (<see cref="ModulePermissionExtensions.For"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The seeds call these module permissions (view:{id}, configure:{id}, manage:{id}); nothing here is a code-access-security permission.")]
public enum ModulePermission
{
    /// <summary>See the module: its snapshot, state and health (<c>view:{id}</c>).</summary>
    View = 0,

    /// <summary>Change the module's settings (<c>configure:{id}</c>). The runtime changes no settings itself; hosts guard their own settings endpoints with <see cref="IModuleRuntime.AuthorizeAsync"/>.</summary>
    Configure = 1,

    /// <summary>Enable, disable and restart the module (<c>manage:{id}</c>).</summary>
    Manage = 2,
}
