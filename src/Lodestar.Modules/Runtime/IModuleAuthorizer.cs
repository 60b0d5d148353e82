using System.Security.Claims;

namespace Lodestar.Modules;

/// <summary>
/// Decides whether a caller may view, configure or manage a module. The runtime asks it on every
/// call that names a caller (e.g. <see cref="IModuleRuntime.DisableAsync(string, ClaimsPrincipal?, CancellationToken)"/>);
/// calls without a caller are the application's own and are not asked about. Register one
/// implementation as a singleton; the default allows everything.
/// </summary>
public interface IModuleAuthorizer
{
    /// <summary>Tells whether <paramref name="caller"/> holds <paramref name="permission"/> on module <paramref name="moduleId"/>.</summary>
    /// <param name="permission">What the caller wants to do.</param>
    /// <param name="moduleId">The module it wants to do it to.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the decision.</param>
    /// <returns><see langword="true"/> when the caller may; a refusal becomes a <c>module.forbidden</c> error.</returns>
    ValueTask<bool> IsAllowedAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);
}
