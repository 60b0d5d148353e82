using System.Diagnostics;
using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

[Collection(ActivityListenerGroup.Name)]
public sealed class EventBusTelemetryTests : IDisposable
{
    private sealed record Measured(int N);

    private readonly TestMeterFactory _meters = new();
    private readonly MeasurementRecorder _recorder;

    public EventBusTelemetryTests() => _recorder = new MeasurementRecorder(_meters);

    public void Dispose()
    {
        _recorder.Dispose();
        _meters.Dispose();
    }

    private static string? EventType((double Value, Dictionary<string, object?> Tags) measurement) =>
        measurement.Tags.GetValueOrDefault("lodestar.event.type") as string;

    [Fact]
    public void Publish_CountsThePublishedEventByType()
    {
        var bus = BusFactory.Create(meters: _meters);

        bus.Publish(new Measured(1));
        bus.Publish(new Measured(2));

        Assert.Equal(2, _recorder.Of("lodestar.events.published").Count(m => EventType(m) == nameof(Measured)));
    }

    [Fact]
    public void Publish_FailingHandler_IsCounted()
    {
        var bus = BusFactory.Create(meters: _meters);
        bus.Subscribe<Measured>(_ => throw new InvalidOperationException("boom"));

        bus.Publish(new Measured(1));

        var failure = Assert.Single(_recorder.Of("lodestar.events.handler.failures"));
        Assert.Equal(1, failure.Value);
        Assert.Equal(nameof(Measured), EventType(failure));
    }

    [Fact]
    public void Publish_RecordsEachHandlersDuration()
    {
        var bus = BusFactory.Create(meters: _meters);
        bus.Subscribe<Measured>(_ => { });
        bus.Subscribe<Measured>(_ => { });

        bus.Publish(new Measured(1));

        var durations = _recorder.Of("lodestar.events.handler.duration");
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
