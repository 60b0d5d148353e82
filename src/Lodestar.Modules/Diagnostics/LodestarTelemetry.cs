using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Lodestar.Modules;

/// <summary>
/// The SDK's metrics (meter <c>Lodestar.Modules</c>) and traces (activity source <c>Lodestar.Modules</c>).
/// The meter comes from the container's <see cref="IMeterFactory"/> when there is one, so each
/// application (and each test) sees only its own measurements.
/// </summary>
internal sealed class LodestarTelemetry : IDisposable
{
    public const string Name = "Lodestar.Modules";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    public LodestarTelemetry(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        EventsPublished = _meter.CreateCounter<long>("lodestar.events.published", "{event}", "Events published on the bus.");
        HandlerFailures = _meter.CreateCounter<long>("lodestar.events.handler.failures", "{failure}", "Event handlers that threw or faulted.");
        HandlerDuration = _meter.CreateHistogram<double>("lodestar.events.handler.duration", "s", "How long one event handler ran.");
    }

    /// <summary>Gets the activity source for publish, start, stop and restart spans.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    public Counter<long> EventsPublished { get; }

    public Counter<long> HandlerFailures { get; }

    public Histogram<double> HandlerDuration { get; }

    public void RecordHandlerDuration(long startedTimestamp, KeyValuePair<string, object?> eventType) =>
        HandlerDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, eventType);

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
