using System.Security.Claims;
using Lodestar.Modules;

namespace Lodestar.Samples.WebHost.Security;

/// <summary>
/// Allows what the caller's <see cref="PermissionClaims.Type"/> claims say: <c>manage:storage</c>
/// allows managing <c>storage</c>, <c>manage:*</c> allows managing every module.
/// </summary>
public sealed class PermissionClaimsAuthorizer : IModuleAuthorizer
{
    /// <inheritdoc />
    public ValueTask<bool> IsAllowedAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        if (caller is null)
        {
            return ValueTask.FromResult(false);
        }

        var exact = permission.For(moduleId);
        var any = permission.For("*");
        return ValueTask.FromResult(caller.HasClaim(c => c.Type == PermissionClaims.Type && (c.Value == exact || c.Value == any)));
    }
}
