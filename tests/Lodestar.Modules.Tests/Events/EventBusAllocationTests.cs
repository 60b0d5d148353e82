using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

/// <summary>Allocation is counted per thread by the runtime, so these asserts are exact and do not depend on timing.</summary>
[Collection(ActivityListenerGroup.Name)]
public sealed class EventBusAllocationTests
{
    private sealed record ClassEvent(int N);

    private readonly record struct StructEvent(int N);

    private sealed class Counter<T> : IEventHandler<T>
    {
        public int Count;

        public void Handle(T message) => Count++;
    }

    private sealed class AsyncCounter<T> : IAsyncEventHandler<T>
    {
        public int Count;

        public ValueTask HandleAsync(T message, CancellationToken cancellationToken)
        {
            Count++;
            return default;
        }
    }

    private static long AllocatedBy(Action action)
    {
        for (var i = 0; i < 100; i++)
        {
            action(); // warm up: JIT, tiering and the channel are created here
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void CompletedSynchronously(ValueTask publish)
    {
        Assert.True(publish.IsCompletedSuccessfully);
        publish.GetAwaiter().GetResult();
    }

    [Fact]
    public void Publish_ToSyncHandlers_AllocatesNothing()
    {
        var bus = BusFactory.Create();
        var handler = new Counter<ClassEvent>();
        for (var i = 0; i < 8; i++)
        {
            bus.Subscribe<ClassEvent>(handler);
        }

        var message = new ClassEvent(1);

        Assert.Equal(0, AllocatedBy(() => bus.Publish(message)));
    }

    [Fact]
    public void TypedPublisher_ToSyncHandlers_AllocatesNothing()
    {
        var bus = BusFactory.Create();
        bus.Subscribe<ClassEvent>(new Counter<ClassEvent>());
        var publisher = bus.GetPublisher<ClassEvent>();
        var message = new ClassEvent(1);

        Assert.Equal(0, AllocatedBy(() => publisher.Publish(message)));
    }

    [Fact]
    public void Publish_StructEvent_DoesNotBox()
    {
        var bus = BusFactory.Create();
        bus.Subscribe<StructEvent>(new Counter<StructEvent>());

        Assert.Equal(0, AllocatedBy(() => bus.Publish(new StructEvent(1))));
    }

    [Fact]
    public void PublishAsync_HandlersCompletingSynchronously_AllocatesNothing()
    {
        var bus = BusFactory.Create();
        var handler = new AsyncCounter<ClassEvent>();
        for (var i = 0; i < 4; i++)
        {
            bus.Subscribe<ClassEvent>(handler);
        }

        var message = new ClassEvent(1);

        Assert.Equal(0, AllocatedBy(() => CompletedSynchronously(bus.PublishAsync(message))));
    }
}
