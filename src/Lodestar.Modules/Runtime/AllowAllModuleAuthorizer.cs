using System.Security.Claims;

namespace Lodestar.Modules;

/// <summary>The default <see cref="IModuleAuthorizer"/>: every caller may do everything. Replace it to guard management calls.</summary>
internal sealed class AllowAllModuleAuthorizer : IModuleAuthorizer
{
    public static AllowAllModuleAuthorizer Instance { get; } = new();

    private static readonly ValueTask<bool> Allowed = new(true);

    public ValueTask<bool> IsAllowedAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) => Allowed;
}
