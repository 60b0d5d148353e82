using System.Security.Claims;
using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The one place that orchestrates modules: starts them in dependency order, stops them in
/// reverse, enables, disables and restarts them at run time, and tells what state each is in.
/// Overloads that take a caller ask the application's <see cref="IModuleAuthorizer"/> first; the
/// others are the application's own calls and are not authorized.
/// </summary>
public interface IModuleRuntime
{
    /// <summary>
    /// Raised after every module state change, synchronously on the thread that made it; one
    /// module's changes arrive in order. Handlers must be short and thread-safe; an exception from
    /// one is logged and does not affect the runtime.
    /// </summary>
    event EventHandler<ModuleStateChanged>? StateChanged;

    /// <summary>
    /// Checks the module graph, then starts every module not disabled in configuration, layer by
    /// dependency layer, the modules of a layer concurrently. A module that fails to start does not
    /// stop the others. Called again (after <see cref="StopAllAsync"/>, or while modules run), it
    /// reads the <c>Enabled</c> setting only for modules that are off: one enabled at run time keeps
    /// running, and a failed one that is still wanted is started again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start-up: starts in progress are cancelled and no later layer starts.</param>
    /// <returns>Success once every module has been tried; a <see cref="ErrorKind.Validation"/> error
    /// (<c>module.graph.*</c>) when the graph has a cycle, an unknown required id or a duplicate id, in
    /// which case nothing was started; a <see cref="ErrorKind.Cancelled"/> error
    /// (<c>module.runtime.start-cancelled</c>) when the caller or a <see cref="StopAllAsync"/> cancelled
    /// the start-up, in which case the modules already started keep running.</returns>
    ValueTask<Result> StartAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops every module in reverse dependency order. Never throws for a module and never hangs:
    /// each module gets its graceful timeout, then its force timeout, then is abandoned and reported.
    /// A start, enable or restart in progress is cancelled first; a stop in progress (a
    /// <see cref="DisableAsync(string, CancellationToken)"/>, or a failed module being stopped) is waited for.
    /// </summary>
    /// <param name="cancellationToken">
    /// When cancelled (e.g. the host's shutdown timeout), remaining modules skip the graceful stop and
    /// are forced. When it is cancelled while a stop in progress still holds the runtime, the call
    /// returns without stopping anything and logs a warning (event 3002), so the caller's deadline wins:
    /// modules may then still be running.
    /// </param>
    /// <returns>A task that completes when every module has stopped or been abandoned.</returns>
    ValueTask StopAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Enables a module: starts it when its required dependencies run, otherwise leaves it <see cref="ModuleState.Blocked"/> until they do.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="cancellationToken">Cancels waiting for other runtime operations.</param>
    /// <returns>Success when the module runs or waits for dependencies; otherwise the start error.</returns>
    ValueTask<Result> EnableAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>Disables a module: stops its dependents (they become <see cref="ModuleState.Blocked"/>), then the module.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="cancellationToken">Cancels waiting for other runtime operations.</param>
    /// <returns>Success, or <c>module.not-found</c>.</returns>
    ValueTask<Result> DisableAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>Stops a module (and its dependents) and starts it again, then resumes its dependents.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="cancellationToken">Cancels waiting for other runtime operations.</param>
    /// <returns>Success when the module runs again, or waits (<see cref="ModuleState.Blocked"/>) for a dependency that is not running; otherwise the start error.</returns>
    ValueTask<Result> RestartAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>Enables a module for <paramref name="caller"/>, who needs <c>manage:{id}</c> (<see cref="IModuleAuthorizer"/>).</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization and waiting for other runtime operations.</param>
    /// <returns>As <see cref="EnableAsync(string, CancellationToken)"/>, or a <see cref="ErrorKind.Forbidden"/> <c>module.forbidden</c> error, in which case nothing changed.</returns>
    ValueTask<Result> EnableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);

    /// <summary>Disables a module for <paramref name="caller"/>, who needs <c>manage:{id}</c> (<see cref="IModuleAuthorizer"/>).</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization and waiting for other runtime operations.</param>
    /// <returns>As <see cref="DisableAsync(string, CancellationToken)"/>, or a <see cref="ErrorKind.Forbidden"/> <c>module.forbidden</c> error, in which case nothing changed.</returns>
    ValueTask<Result> DisableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);

    /// <summary>Restarts a module for <paramref name="caller"/>, who needs <c>manage:{id}</c> (<see cref="IModuleAuthorizer"/>).</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization and waiting for other runtime operations.</param>
    /// <returns>As <see cref="RestartAsync(string, CancellationToken)"/>, or a <see cref="ErrorKind.Forbidden"/> <c>module.forbidden</c> error, in which case nothing changed.</returns>
    ValueTask<Result> RestartAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks that <paramref name="caller"/> holds <paramref name="permission"/> on a module, with the
    /// application's <see cref="IModuleAuthorizer"/>; for a host's own endpoints, e.g. one that changes
    /// a module's settings (<see cref="ModulePermission.Configure"/>).
    /// </summary>
    /// <param name="permission">What the caller wants to do.</param>
    /// <param name="moduleId">The module id.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization.</param>
    /// <returns>Success; a <see cref="ErrorKind.Forbidden"/> <c>module.forbidden</c> error that names the caller, the module and the permission; or <c>module.not-found</c> for a permitted caller and an unknown id.</returns>
    ValueTask<Result> AuthorizeAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);

    /// <summary>Gets a snapshot of every module, in start order.</summary>
    /// <returns>The snapshots.</returns>
    IReadOnlyList<ModuleSnapshot> GetSnapshots();

    /// <summary>Gets a snapshot of one module.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The snapshot, or <c>module.not-found</c>.</returns>
    Result<ModuleSnapshot> GetSnapshot(string moduleId);

    /// <summary>Gets a snapshot of every module <paramref name="caller"/> may see (<c>view:{id}</c>), in start order.</summary>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization.</param>
    /// <returns>The snapshots of the modules the caller may view; empty when it may view none.</returns>
    ValueTask<IReadOnlyList<ModuleSnapshot>> GetSnapshotsAsync(ClaimsPrincipal? caller, CancellationToken cancellationToken = default);

    /// <summary>Gets a snapshot of one module for <paramref name="caller"/>, who needs <c>view:{id}</c>.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="caller">Who asks; <see langword="null"/> for an anonymous caller.</param>
    /// <param name="cancellationToken">Cancels the authorization.</param>
    /// <returns>The snapshot, <c>module.forbidden</c> or <c>module.not-found</c>.</returns>
    ValueTask<Result<ModuleSnapshot>> GetSnapshotAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default);
}
