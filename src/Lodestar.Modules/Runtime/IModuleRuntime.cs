using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The one place that orchestrates modules: starts them in dependency order, stops them in
/// reverse, enables, disables and restarts them at run time, and tells what state each is in.
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
    /// stop the others.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start-up.</param>
    /// <returns>Success once every module has been tried; a <see cref="ErrorKind.Validation"/> error
    /// (<c>module.graph.*</c>) when the graph has a cycle, an unknown required id or a duplicate id, in
    /// which case nothing was started.</returns>
    ValueTask<Result> StartAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops every module in reverse dependency order. Never throws for a module and never hangs:
    /// each module gets its graceful timeout, then its force timeout, then is abandoned and reported.
    /// </summary>
    /// <param name="cancellationToken">When cancelled (e.g. the host's shutdown timeout), remaining modules skip the graceful stop and are forced.</param>
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
    /// <returns>Success when the module runs again; otherwise the start error.</returns>
    ValueTask<Result> RestartAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>Gets a snapshot of every module, in start order.</summary>
    /// <returns>The snapshots.</returns>
    IReadOnlyList<ModuleSnapshot> GetSnapshots();

    /// <summary>Gets a snapshot of one module.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The snapshot, or <c>module.not-found</c>.</returns>
    Result<ModuleSnapshot> GetSnapshot(string moduleId);
}
