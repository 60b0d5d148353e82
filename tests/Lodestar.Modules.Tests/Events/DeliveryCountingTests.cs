using System.Reflection;
using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

/// <summary>
/// The deliveries and failures counted for a module's handlers (the health monitor's failure rate):
/// every delivery of a publish counts once counting starts, none is lost when subscriptions end,
/// totals never go backwards; and each event type keeps its own metric tag.
/// </summary>
public sealed class DeliveryCountingTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly TestMeterFactory _meters = new();

    public void Dispose() => _meters.Dispose();

    private sealed record Ping(int N);

    private sealed record Envelope<T>(T Body);

    private static ModuleEvents OpenModule(EventBus bus, string id = "m")
    {
        var events = new ModuleEvents(bus, id);
        events.Open();
        return events;
    }

    [Fact]
    public void Publish_FirstFailureOfChannel_CountsTheRestOfThatPublishsDeliveries()
    {
        var bus = BusFactory.Create();
        var events = OpenModule(bus);
        events.Subscribe<Ping>(_ => throw new InvalidOperationException("first"));
        events.Subscribe<Ping>(_ => { });
        events.Subscribe<Ping>(_ => throw new InvalidOperationException("third"));

        bus.Publish(new Ping(1));

        // Three deliveries, two of which failed; counting starts at the first failure, "that failing delivery counts too".
        Assert.Equal((3L, 2L), events.HandlerCounts());
    }

    [Fact]
    public async Task PublishAsync_FirstFailureOfChannel_CountsTheRestOfThatPublishsDeliveries()
    {
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        var events = OpenModule(bus);
        events.SubscribeAsync<Ping>(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("one");
        });
        events.SubscribeAsync<Ping>(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("two");
        });

        await bus.PublishAsync(new Ping(1)).AsTask().WaitAsync(Guard);

        Assert.Equal((2L, 2L), events.HandlerCounts());
    }

    [Fact]
    public async Task PublishAsync_Concurrent_FirstFailureAfterEveryHandlerStarted_CountsEveryDeliveryOfThatPublish()
    {
        // Both handlers are under way before either fails, so the failure that starts the counting comes after
        // the other handler's start: its delivery belongs to "the rest of that publish" all the same.
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        var events = OpenModule(bus);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        events.SubscribeAsync<Ping>(async (_, _) =>
        {
            await release.Task;
            throw new InvalidOperationException("one");
        });
        events.SubscribeAsync<Ping>(async (_, _) =>
        {
            await release.Task;
            throw new InvalidOperationException("two");
        });

        var publishing = bus.PublishAsync(new Ping(1)).AsTask();
        release.SetResult();
        await publishing.WaitAsync(Guard);

        Assert.Equal((2L, 2L), events.HandlerCounts());
    }

    [Fact]
    public async Task PublishAsync_CancelledBeforeAnAsyncHandler_DoesNotCountItsDelivery()
    {
        var bus = BusFactory.Create();
        var events = OpenModule(bus);
        events.SubscribeAsync<Ping>((_, _) => default);
        bus.GetChannel<Ping>().StartCountingDeliveries();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.PublishAsync(new Ping(1), new CancellationToken(canceled: true)).AsTask());

        Assert.Equal((0L, 0L), events.HandlerCounts());
    }

    [Fact]
    public async Task PublishAsync_FirstFailureThenCancelledBeforeAnAsyncHandler_DoesNotCountItsDelivery()
    {
        // The channel does not count when the publish starts (the allocation-free path); the sync handler's
        // failure starts the counting, and the cancellation keeps the async handler from running.
        var bus = BusFactory.Create();
        var events = OpenModule(bus);
        events.Subscribe<Ping>(_ => throw new InvalidOperationException("first"));
        events.SubscribeAsync<Ping>((_, _) => default);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.PublishAsync(new Ping(1), new CancellationToken(canceled: true)).AsTask());

        Assert.Equal((1L, 1L), events.HandlerCounts());
    }

    [Fact]
    public void Publish_FirstFailureOfHandlerThatEndedItsOwnSubscription_KeepsTheDelivery()
    {
        var bus = BusFactory.Create();
        var events = OpenModule(bus);
        IDisposable? self = null;
        self = events.Subscribe<Ping>(_ =>
        {
            self!.Dispose();
            throw new InvalidOperationException("boom");
        });

        bus.Publish(new Ping(1));

        var (delivered, failed) = events.HandlerCounts();
        Assert.Equal(1L, failed);
        Assert.Equal(1L, delivered);
    }

    [Fact]
    public async Task Close_HandlerCountsNeverGoBackwards()
    {
        var bus = BusFactory.Create();
        var events = OpenModule(bus);
        events.Subscribe<Ping>(_ => { });
        var channel = bus.GetChannel<Ping>();
        channel.StartCountingDeliveries();
        bus.Publish(new Ping(1));
        bus.Publish(new Ping(2));
        var before = events.HandlerCounts();
        Assert.Equal(2L, before.Delivered);

        var gate = (Lock)typeof(EventChannel<Ping>).GetField("_gate", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(channel)!;
        var open = typeof(ModuleEvents).GetField("_open", BindingFlags.Instance | BindingFlags.NonPublic)!;
        (long Delivered, long Failed) during;
        Task closing;
        using (gate.EnterScope())
        {
            // Close refuses new subscriptions and takes the module's subscriptions, then blocks removing
            // them from the channel whose lock this test holds.
            closing = Task.Run(events.Close);
            Assert.True(SpinWait.SpinUntil(() => !(bool)open.GetValue(events)!, Guard));
            during = events.HandlerCounts();
        }

        await closing.WaitAsync(Guard);

        Assert.True(during.Delivered >= before.Delivered, $"HandlerCounts went from {before.Delivered} to {during.Delivered} deliveries during Close.");
        Assert.Equal(before, events.HandlerCounts());
    }

    [Fact]
    public void Publish_ClosedGenericEventTypes_HaveDistinctEventTypeTags()
    {
        using var recorder = new MeasurementRecorder(_meters);
        var bus = BusFactory.Create(meters: _meters);

        bus.Publish(new Envelope<int>(1));
        bus.Publish(new Envelope<string>("a"));

        var tags = recorder.Of("lodestar.events.published").Select(m => m.Tags.GetValueOrDefault("lodestar.event.type") as string).ToList();
        Assert.Equal(2, tags.Count);
        Assert.NotEqual(tags[0], tags[1]);
    }
}
