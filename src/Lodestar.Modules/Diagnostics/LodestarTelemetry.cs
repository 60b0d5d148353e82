using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lodestar.Modules;

/// <summary>
/// The SDK's metrics (meter <c>Lodestar.Modules</c>) and traces (activity source <c>Lodestar.Modules</c>).
/// The meter comes from the container's <see cref="IMeterFactory"/> when there is one, so each
/// application (and each test) sees only its own measurements.
/// </summary>
/// <remarks>
/// Instruments: <c>lodestar.events.published</c>, <c>lodestar.events.handler.failures</c>,
/// <c>lodestar.events.handler.duration</c> (tagged <c>lodestar.event.type</c>);
/// <c>lodestar.module.state</c> and <c>lodestar.module.health</c> (observable gauges, one
/// measurement per module, tagged <c>lodestar.module.id</c>), <c>lodestar.module.start.duration</c>,
/// <c>lodestar.module.stop.duration</c> (seconds, tagged with the module and
/// <c>lodestar.module.outcome</c>), <c>lodestar.module.restarts</c> (tagged with the module and
/// <c>lodestar.restart.trigger</c>) and <c>lodestar.module.health.changes</c> (tagged with the module
/// and the new <c>lodestar.health.status</c>).
/// </remarks>
internal sealed class LodestarTelemetry : IDisposable
{
    public const string Name = "Lodestar.Modules";

    /// <summary>The tag naming a module on runtime and health instruments and activities.</summary>
    public const string ModuleIdTag = "lodestar.module.id";

    private static readonly KeyValuePair<string, object?>[] HealthStatusTags =
    [
        new("lodestar.health.status", nameof(HealthStatus.Healthy)),
        new("lodestar.health.status", nameof(HealthStatus.Degraded)),
        new("lodestar.health.status", nameof(HealthStatus.Down)),
    ];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private volatile Func<IEnumerable<Measurement<int>>>? _states;
    private volatile Func<IEnumerable<Measurement<int>>>? _health;

    public LodestarTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        EventsPublished = _meter.CreateCounter<long>("lodestar.events.published", "{event}", "Events published on the bus.");
        HandlerFailures = _meter.CreateCounter<long>("lodestar.events.handler.failures", "{failure}", "Event handlers that threw or faulted.");
        HandlerDuration = _meter.CreateHistogram<double>("lodestar.events.handler.duration", "s", "How long one event handler ran.");
        _meter.CreateObservableGauge(
            "lodestar.module.state",
            () => _states?.Invoke() ?? [],
            "{state}",
            "Each module's lifecycle state: 0 Disabled, 1 Enabling, 2 Blocked, 3 Starting, 4 Running, 5 Stopping, 6 Failed.");
        _meter.CreateObservableGauge(
            "lodestar.module.health",
            () => _health?.Invoke() ?? [],
            "{status}",
            "Each module's health status: 0 Healthy, 1 Degraded, 2 Down.");
        ModuleStartDuration = _meter.CreateHistogram<double>("lodestar.module.start.duration", "s", "How long a module took to start (options binding and StartAsync).");
        ModuleStopDuration = _meter.CreateHistogram<double>("lodestar.module.stop.duration", "s", "How long a module took to stop (StopAsync, then ForceStop when needed).");
        ModuleRestarts = _meter.CreateCounter<long>("lodestar.module.restarts", "{restart}", "Module restarts, by the supervisor or on request.");
        HealthChanges = _meter.CreateCounter<long>("lodestar.module.health.changes", "{change}", "Changes of a module's health status.");
    }

    /// <summary>Gets the activity source for publish, start, stop and restart spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> EventsPublished { get; }

    public Counter<long> HandlerFailures { get; }

    public Histogram<double> HandlerDuration { get; }

    public Histogram<double> ModuleStartDuration { get; }

    public Histogram<double> ModuleStopDuration { get; }

    public Counter<long> ModuleRestarts { get; }

    public Counter<long> HealthChanges { get; }

    /// <summary>Gets the tag that names a health status, made once.</summary>
    public static KeyValuePair<string, object?> HealthStatusTag(HealthStatus status) => HealthStatusTags[(int)status];

    public void RecordHandlerDuration(long startedTimestamp, KeyValuePair<string, object?> eventType) =>
        HandlerDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, eventType);

    /// <summary>Sets what the module gauges report; the runtime calls it once it knows its modules.</summary>
    /// <param name="states">Each module's state as a measurement tagged with its id.</param>
    /// <param name="health">Each module's health status as a measurement tagged with its id.</param>
    public void ObserveModules(Func<IEnumerable<Measurement<int>>> states, Func<IEnumerable<Measurement<int>>> health)
    {
        _states = states;
        _health = health;
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
