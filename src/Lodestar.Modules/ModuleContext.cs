using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules;

/// <summary>
/// A module's view of the application while it runs: its manifest, services, configuration,
/// logger, clock and events, and a way to report that it has failed.
/// </summary>
public sealed class ModuleContext
{
    private readonly ModuleRuntime _runtime;
    private readonly ILoggerFactory _loggerFactory;
    private ILogger? _logger;

    internal ModuleContext(ModuleManifest manifest, IServiceProvider services, IConfiguration configuration, ILoggerFactory loggerFactory, TimeProvider timeProvider, ModuleEvents events, ModuleRuntime runtime)
    {
        Manifest = manifest;
        Events = events;
        Services = services;
        Configuration = configuration;
        _loggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        _runtime = runtime;
    }

    /// <summary>Gets the module's id.</summary>
    public string ModuleId => Manifest.Id;

    /// <summary>Gets the module's manifest.</summary>
    public ModuleManifest Manifest { get; }

    /// <summary>Gets the application's services, including those the module registered in phase 1.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Gets the module's configuration section, <c>Lodestar:Modules:&lt;id&gt;</c>.</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Gets a logger whose category is <c>Lodestar.Modules.&lt;id&gt;</c>.</summary>
    public ILogger Logger => _logger ?? CreateLogger();

    /// <summary>
    /// Gets the module's view of the event bus: events published here carry the module's id, and
    /// subscriptions made here end when the module stops, fails or is disabled.
    /// </summary>
    public ModuleEvents Events { get; }

    /// <summary>Gets the clock to use for every time-dependent decision, so tests can drive it.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Tells whether <paramref name="capability"/> of this module is active: the module runs (or is
    /// starting, so <see cref="LodestarModule"/>'s <c>StartAsync</c> can ask) and every dependency the
    /// capability requires runs.
    /// </summary>
    /// <param name="capability">A capability name declared with <see cref="CapabilityAttribute"/>.</param>
    /// <returns><see langword="true"/> when the capability is active.</returns>
    /// <exception cref="ArgumentException">The module declares no such capability.</exception>
    public bool IsCapabilityActive(string capability) => _runtime.IsCapabilityActive(ModuleId, capability, whileStarting: true);

    /// <summary>
    /// Reports that the running module has failed (e.g. a background loop died). The runtime stops
    /// its dependents and the module, marks it <see cref="ModuleState.Failed"/> with the error, and
    /// lets the supervisor restart it under its restart policy. Returns at once.
    /// </summary>
    /// <param name="exception">What went wrong.</param>
    public void ReportFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _runtime.ReportFailure(ModuleId, exception);
    }

    // Made on first use: most modules log little or not at all, and a logger per module adds up at start-up.
    private ILogger CreateLogger()
    {
        var logger = _loggerFactory.CreateLogger("Lodestar.Modules." + ModuleId);
        return Interlocked.CompareExchange(ref _logger, logger, null) ?? logger;
    }
}
