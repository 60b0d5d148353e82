using Microsoft.Extensions.Hosting;

namespace Lodestar.Modules.Hosting;

/// <summary>
/// Starts the module runtime with the host and stops it on shutdown. The stop honours the host's
/// shutdown timeout: when it runs out, remaining modules skip their graceful stop and are forced.
/// </summary>
internal sealed class ModuleRuntimeHostedService : IHostedService
{
    private readonly IModuleRuntime _runtime;

    public ModuleRuntimeHostedService(IModuleRuntime runtime) => _runtime = runtime;

    /// <exception cref="InvalidOperationException">The module graph is invalid (a cycle, an unknown required id or a duplicate id); the host does not start.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = await _runtime.StartAllAsync(cancellationToken).ConfigureAwait(false);
        if (started.IsFailure)
        {
            throw new InvalidOperationException($"Lodestar.Modules could not start the modules: {started.Error.Message} (error code {started.Error.Code})");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => _runtime.StopAllAsync(cancellationToken).AsTask();
}
