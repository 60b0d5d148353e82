using Lodestar.Results;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Lodestar.Modules.Hosting;

/// <summary>
/// Starts the module runtime with the host, then its health monitor; on shutdown stops the monitor,
/// then the modules. The stop honours the host's shutdown timeout: when it runs out, remaining
/// modules skip their graceful stop and are forced.
/// </summary>
internal sealed class ModuleRuntimeHostedService : IHostedService
{
    private readonly IModuleRuntime _runtime;
    private readonly IModuleHealthMonitor _health;
    private readonly TimeSpan _shutdownTimeout;
    private readonly TimeProvider _time;

    // Public only for the container, which activates public constructors; the type itself is internal.
    public ModuleRuntimeHostedService(IModuleRuntime runtime, IModuleHealthMonitor health, IOptions<HostOptions> hostOptions, TimeProvider timeProvider)
    {
        _runtime = runtime;
        _health = health;
        _shutdownTimeout = hostOptions.Value.ShutdownTimeout;
        _time = timeProvider;
    }

    /// <exception cref="InvalidOperationException">The module graph is invalid (a cycle, an unknown required id or a duplicate id), or the health monitor cannot start (a container handler of <see cref="ModuleHealthChanged"/> cannot be built); the host does not start, and the modules already started were stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the start-up; the modules already started were stopped.</exception>
    /// <remarks>
    /// Whatever ends the start-up early stops the modules that did start before the failure reaches
    /// the host: a failure <see cref="Result"/> of <see cref="IModuleRuntime.StartAllAsync"/>, the
    /// health monitor failing to start, and an exception thrown by <see cref="IModuleRuntime.StartAllAsync"/>
    /// itself, which is then rethrown unchanged.
    /// </remarks>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = await _runtime.StartAllAsync(cancellationToken).ConfigureAwait(false);
            if (started.IsFailure)
            {
                if (started.Error.Kind == ErrorKind.Cancelled && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"Lodestar.Modules stopped starting the modules: {started.Error.Message}", cancellationToken);
                }

                throw new InvalidOperationException($"Lodestar.Modules could not start the modules: {started.Error.Message} (error code {started.Error.Code})");
            }

            _health.Start();
        }
        catch
        {
            // Returned or thrown, a failure here fails the host's start, and the host calls no StopAsync for
            // this service then: modules of the layers already done may run, and nothing else would stop them.
            await StopStartedModulesAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops the modules that did start when this service's start fails: the host calls no
    /// <see cref="StopAsync"/> for a service whose start failed. The host's start token may already be
    /// cancelled, so it cannot bound this stop; the host's shutdown timeout does, as it bounds a normal
    /// stop: once it passes, the modules still stopping are forced instead of each getting its full
    /// graceful timeout. Measured on the runtime's clock, like every other module timeout.
    /// </summary>
    private async Task StopStartedModulesAsync()
    {
        using var deadline = new CancellationTokenSource(_shutdownTimeout, _time);
        await _runtime.StopAllAsync(deadline.Token).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _health.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The modules stop even when the host gave up waiting for a health check under way.
            await _runtime.StopAllAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
