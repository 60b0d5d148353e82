using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

[Collection(ActivityListenerGroup.Name)]
public sealed class EventBusTelemetryTests : IDisposable
{
    private sealed record Measured(int N);

    private readonly TestMeterFactory _meters = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, string? EventType)> _measurements = [];

    public EventBusTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, _meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? eventType = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "lodestar.event.type")
            {
                eventType = tag.Value as string;
            }
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, eventType));
        }
    }

    [Fact]
    public void Publish_CountsThePublishedEventByType()
    {
        var bus = BusFactory.Create(meters: _meters);

        bus.Publish(new Measured(1));
        bus.Publish(new Measured(2));

        Assert.Equal(2, _measurements.Count(m => m.Instrument == "lodestar.events.published" && m.EventType == nameof(Measured)));
    }

    [Fact]
    public void Publish_FailingHandler_IsCounted()
    {
        var bus = BusFactory.Create(meters: _meters);
        bus.Subscribe<Measured>(_ => throw new InvalidOperationException("boom"));

        bus.Publish(new Measured(1));

        var failure = Assert.Single(_measurements, m => m.Instrument == "lodestar.events.handler.failures");
        Assert.Equal(1, failure.Value);
        Assert.Equal(nameof(Measured), failure.EventType);
    }

    [Fact]
    public void Publish_RecordsEachHandlersDuration()
    {
        var bus = BusFactory.Create(meters: _meters);
        bus.Subscribe<Measured>(_ => { });
        bus.Subscribe<Measured>(_ => { });

        bus.Publish(new Measured(1));

        var durations = _measurements.Where(m => m.Instrument == "lodestar.events.handler.duration").ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.True(d.Value >= 0));
    }

    [Fact]
    public async Task PublishAsync_WithAListener_StartsOneActivityPerPublish()
    {
        var activities = new List<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Lodestar.Modules",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "lodestar.publish " + nameof(Measured))
                {
                    lock (activities)
                    {
                        activities.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(activityListener);
        var bus = BusFactory.Create(meters: _meters);
        bus.SubscribeAsync<Measured>((_, _) => default);

        await bus.PublishAsync(new Measured(1));

        var activity = Assert.Single(activities);
        Assert.Equal(nameof(Measured), activity.GetTagItem("lodestar.event.type"));
    }
}
