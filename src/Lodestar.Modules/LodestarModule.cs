using Lodestar.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules;

/// <summary>
/// The base class of every module. Put <see cref="ModuleAttribute"/> (and, as needed,
/// <see cref="DependsOnAttribute"/>, <see cref="CapabilityAttribute"/>, <see cref="HealthCheckAttribute"/>,
/// <see cref="ShutdownAttribute"/>) on the class and override the phases you need, and
/// <see cref="CheckHealthAsync"/> to report more than "running".
/// </summary>
/// <remarks>
/// Phase 1, <see cref="ConfigureServices"/>, runs when the module is registered, before the
/// container is built. Phase 2, <see cref="StartAsync"/>, runs once every required dependency is
/// running. <see cref="StopAsync"/> is bounded by <see cref="ShutdownAttribute.GracefulSeconds"/>,
/// then <see cref="ForceStop"/> by <see cref="ShutdownAttribute.ForceSeconds"/>.
/// </remarks>
public abstract class LodestarModule
{
    private ModuleManifest? _manifest;

    /// <summary>Gets the module's manifest, read when it was registered.</summary>
    /// <exception cref="InvalidOperationException">The module has not been registered with a runtime.</exception>
    public ModuleManifest Manifest => _manifest ?? throw new InvalidOperationException(
        $"Module '{GetType().FullName}' has no manifest yet: it is read when the module is registered with AddModule<T>().");

    /// <summary>
    /// Phase 1: registers the module's services, before the container is built. Runs once, whether
    /// or not the module is enabled.
    /// </summary>
    /// <param name="services">The application's service collection.</param>
    public virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// Phase 2: starts the module once every required dependency is running: subscribe, open
    /// storage, start background work. Return a failed <see cref="Result"/> for expected failures.
    /// </summary>
    /// <remarks>
    /// A start that fails (returns a failed <see cref="Result"/>, throws, or overruns
    /// <see cref="ModuleRuntimeOptions.StartTimeout"/>) gets no <see cref="StopAsync"/> and no
    /// <see cref="ForceStop"/>: release what it opened before returning the failure, and on
    /// cancellation. Event subscriptions made through <see cref="ModuleContext.Events"/> end with it either way.
    /// A start, <see cref="StopAsync"/> or <see cref="ForceStop"/> that overran its timeout is abandoned,
    /// not ended; StartAsync is not called again while it still runs: the next start waits for it within
    /// <see cref="ModuleRuntimeOptions.StartTimeout"/> and otherwise fails with
    /// <c>module.start.previous-still-running</c>. Honour the token so an abandoned call ends promptly.
    /// </remarks>
    /// <param name="context">The module's view of the application.</param>
    /// <param name="cancellationToken">Cancelled when the start timeout passes or the runtime stops.</param>
    /// <returns>Success, or the error that keeps the module <see cref="ModuleState.Failed"/>.</returns>
    protected virtual ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) =>
        new(Result.Success());

    /// <summary>Stops the module gracefully: finish or hand off work, release resources.</summary>
    /// <param name="context">The module's view of the application.</param>
    /// <param name="cancellationToken">Cancelled when the graceful stop timeout passes or the host stops waiting.</param>
    /// <returns>A task that completes when the module has stopped.</returns>
    protected virtual ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken) => default;

    /// <summary>
    /// Stops the module at once, after a graceful stop overran or failed. Must be short and must
    /// not block: release what must be released and return.
    /// </summary>
    protected virtual void ForceStop()
    {
    }

    /// <summary>
    /// Checks the running module's health, on its <see cref="HealthCheckAttribute.IntervalSeconds"/> and
    /// bounded by its <see cref="HealthCheckAttribute.TimeoutSeconds"/>: a check that overruns or throws reads
    /// <see cref="HealthStatus.Down"/>. Called only while the module is <see cref="ModuleState.Running"/>; the
    /// monitor adds the latency and uptime, and may degrade a healthy report when the check is slow or the
    /// module's event handlers keep failing (<see cref="HealthMonitorOptions"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the check times out or the monitor stops.</param>
    /// <returns>The module's report; <see cref="HealthReport.Healthy"/> unless overridden.</returns>
    protected virtual ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => new(HealthReport.Healthy);

    internal void AttachManifest(ModuleManifest manifest) => _manifest = manifest;

    internal virtual Result BindOptions(IConfiguration moduleSection) => Result.Success();

    internal ValueTask<Result> InvokeStartAsync(ModuleContext context, CancellationToken cancellationToken) =>
        StartAsync(context, cancellationToken);

    internal ValueTask InvokeStopAsync(ModuleContext context, CancellationToken cancellationToken) =>
        StopAsync(context, cancellationToken);

    internal void InvokeForceStop() => ForceStop();

    internal ValueTask<HealthReport> InvokeCheckHealthAsync(CancellationToken cancellationToken) => CheckHealthAsync(cancellationToken);
}
