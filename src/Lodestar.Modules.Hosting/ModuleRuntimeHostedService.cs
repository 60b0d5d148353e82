using Lodestar.Results;
using Microsoft.Extensions.Hosting;

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

    public ModuleRuntimeHostedService(IModuleRuntime runtime, IModuleHealthMonitor health)
    {
        _runtime = runtime;
        _health = health;
    }

    /// <exception cref="InvalidOperationException">The module graph is invalid (a cycle, an unknown required id or a duplicate id), or the health monitor cannot start (a container handler of <see cref="ModuleHealthChanged"/> cannot be built); the host does not start, and the modules already started were stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the start-up; the modules already started were stopped.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = await _runtime.StartAllAsync(cancellationToken).ConfigureAwait(false);
        if (started.IsFailure)
        {
            // The host calls no StopAsync for a service whose start failed, so stop what did start.
            await _runtime.StopAllAsync(CancellationToken.None).ConfigureAwait(false);
            if (started.Error.Kind == ErrorKind.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"Lodestar.Modules stopped starting the modules: {started.Error.Message}", cancellationToken);
            }

            throw new InvalidOperationException($"Lodestar.Modules could not start the modules: {started.Error.Message} (error code {started.Error.Code})");
        }

        try
        {
            _health.Start();
        }
        catch
        {
            // Likewise: the host's start fails, and no StopAsync follows, so stop the modules that started.
            await _runtime.StopAllAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
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
