using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Events;

public sealed class EventBusTests
{
    private sealed record OrderPlaced(int Id);

    private sealed record PriorityOrderPlaced(int Id);

    private class Animal;

    private sealed class Dog : Animal;

    private sealed class Recorder(List<string> log, string name) : IEventHandler<OrderPlaced>
    {
        public void Handle(OrderPlaced message) => log.Add($"{name}:{message.Id}");
    }

    private readonly EventBus _bus = BusFactory.Create();

    [Fact]
    public void Publish_RunsSyncHandlersInSubscriptionOrder()
    {
        var log = new List<string>();
        _bus.Subscribe<OrderPlaced>(e => log.Add("first:" + e.Id));
        _bus.Subscribe<OrderPlaced>(e => log.Add("second:" + e.Id));
        _bus.Subscribe<OrderPlaced>(e => log.Add("third:" + e.Id));

        _bus.Publish(new OrderPlaced(7));

        Assert.Equal(["first:7", "second:7", "third:7"], log);
    }

    [Fact]
    public void Publish_DispatchesByExactTypeOnly()
    {
        var animals = 0;
        _bus.Subscribe<Animal>(_ => animals++);

        _bus.Publish(new Dog());
        _bus.Publish<Animal>(new Dog());

        Assert.Equal(1, animals);
    }

    [Fact]
    public void Publish_OtherEventType_IsNotDelivered()
    {
        var orders = 0;
        _bus.Subscribe<OrderPlaced>(_ => orders++);

        _bus.Publish(new PriorityOrderPlaced(1));

        Assert.Equal(0, orders);
    }

    [Fact]
    public void Publish_NoHandlers_DoesNothing() => _bus.Publish(new OrderPlaced(1));

    [Fact]
    public void Publish_HandlerThrows_OthersRunAndPublishDoesNotThrow()
    {
        var log = new List<string>();
        _bus.Subscribe<OrderPlaced>(_ => log.Add("before"));
        _bus.Subscribe<OrderPlaced>(_ => throw new InvalidOperationException("boom"));
        _bus.Subscribe<OrderPlaced>(_ => log.Add("after"));

        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(["before", "after"], log);
    }

    [Fact]
    public void Publish_HandlerThrows_ReportsEventTypeHandlerAndException()
    {
        var failures = new List<EventHandlerFailure>();
        _bus.HandlerFailed += (_, failure) => failures.Add(failure);
        var thrown = new InvalidOperationException("boom");
        _bus.Subscribe<OrderPlaced>(new ThrowingHandler(thrown));

        _bus.Publish(new OrderPlaced(1));

        var failure = Assert.Single(failures);
        Assert.Equal(typeof(OrderPlaced), failure.EventType);
        Assert.Contains(nameof(ThrowingHandler), failure.Handler, StringComparison.Ordinal);
        Assert.Same(thrown, failure.Exception);
        Assert.Null(failure.SourceModuleId);
    }

    [Fact]
    public void Publish_FailureObserverThrows_BusCarriesOn()
    {
        var after = 0;
        _bus.HandlerFailed += (_, _) => throw new InvalidOperationException("observer bug");
        _bus.Subscribe<OrderPlaced>(_ => throw new InvalidOperationException("boom"));
        _bus.Subscribe<OrderPlaced>(_ => after++);

        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(1, after);
    }

    [Fact]
    public void Subscribe_Disposed_HandlerNoLongerRuns()
    {
        var count = 0;
        var subscription = _bus.Subscribe<OrderPlaced>(_ => count++);
        _bus.Publish(new OrderPlaced(1));

        subscription.Dispose();
        _bus.Publish(new OrderPlaced(2));

        Assert.Equal(1, count);
    }

    [Fact]
    public void Subscribe_DisposedTwice_IsHarmlessAndKeepsOthers()
    {
        var kept = 0;
        var subscription = _bus.Subscribe<OrderPlaced>(_ => { });
        _bus.Subscribe<OrderPlaced>(_ => kept++);

        subscription.Dispose();
        subscription.Dispose();
        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(1, kept);
    }

    [Fact]
    public void Publish_FromInsideAHandler_IsDeliveredWithoutDeadlock()
    {
        var log = new List<string>();
        _bus.Subscribe<OrderPlaced>(e =>
        {
            log.Add("order " + e.Id);
            _bus.Publish(new PriorityOrderPlaced(e.Id));
        });
        _bus.Subscribe<PriorityOrderPlaced>(e => log.Add("priority " + e.Id));

        _bus.Publish(new OrderPlaced(3));

        Assert.Equal(["order 3", "priority 3"], log);
    }

    [Fact]
    public void Subscribe_FromInsideAHandler_TakesEffectFromTheNextPublish()
    {
        var late = 0;
        _bus.Subscribe<OrderPlaced>(_ => _bus.Subscribe<OrderPlaced>(_ => late++));

        _bus.Publish(new OrderPlaced(1));
        Assert.Equal(0, late);

        _bus.Publish(new OrderPlaced(2));
        Assert.Equal(1, late);
    }

    [Fact]
    public void Unsubscribe_ByAnEarlierHandlerDuringPublish_SkipsTheRemovedHandler()
    {
        var removedRan = 0;
        IDisposable? removed = null;
        _bus.Subscribe<OrderPlaced>(_ => removed!.Dispose());
        removed = _bus.Subscribe<OrderPlaced>(_ => removedRan++);

        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(0, removedRan);
    }

    [Fact]
    public void Publish_HandlerThrowsAfterAnUnsubscribeDuringThePublish_ReportsItAndRunsTheRest()
    {
        var log = new List<string>();
        var failures = new List<EventHandlerFailure>();
        _bus.HandlerFailed += (_, failure) => failures.Add(failure);
        IDisposable? removed = null;
        _bus.Subscribe<OrderPlaced>(_ => removed!.Dispose());
        removed = _bus.Subscribe<OrderPlaced>(_ => log.Add("removed"));
        var thrown = new InvalidOperationException("boom");
        _bus.Subscribe<OrderPlaced>(new ThrowingHandler(thrown));
        _bus.Subscribe<OrderPlaced>(_ => log.Add("last"));

        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(["last"], log);
        Assert.Same(thrown, Assert.Single(failures).Exception);
    }

    [Fact]
    public void Publish_DoesNotRunAsyncHandlers()
    {
        var ran = 0;
        _bus.SubscribeAsync<OrderPlaced>((_, _) =>
        {
            ran++;
            return default;
        });

        _bus.Publish(new OrderPlaced(1));

        Assert.Equal(0, ran);
    }

    [Fact]
    public void Publish_HandlersFromTheContainer_RunBeforeRuntimeSubscriptions()
    {
        var log = new List<string>();
        var services = new ServiceCollection()
            .AddSingleton<IEventHandler<OrderPlaced>>(new Recorder(log, "container"))
            .BuildServiceProvider();
        var bus = BusFactory.Create(services: services);
        bus.Subscribe<OrderPlaced>(e => log.Add("runtime:" + e.Id));

        bus.Publish(new OrderPlaced(5));

        Assert.Equal(["container:5", "runtime:5"], log);
    }

    [Fact]
    public async Task PublishAsync_AsyncHandlersFromTheContainer_AreAwaited()
    {
        var handled = new List<int>();
        var services = new ServiceCollection()
            .AddSingleton<IAsyncEventHandler<OrderPlaced>>(new AsyncRecorder(handled))
            .BuildServiceProvider();
        var bus = BusFactory.Create(services: services);

        await bus.PublishAsync(new OrderPlaced(9));

        Assert.Equal([9], handled);
    }

    private sealed class ThrowingHandler(Exception exception) : IEventHandler<OrderPlaced>
    {
        public void Handle(OrderPlaced message) => throw exception;
    }

    private sealed class AsyncRecorder(List<int> handled) : IAsyncEventHandler<OrderPlaced>
    {
        public async ValueTask HandleAsync(OrderPlaced message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            handled.Add(message.Id);
        }
    }

    [Fact]
    public void Publish_FailingHandlerWhoseToStringThrows_IsStillIsolated()
    {
        var bus = BusFactory.Create();
        var ran = false;
        bus.Subscribe<OrderPlaced>(new BadlyNamedHandler());
        bus.Subscribe<OrderPlaced>(_ => ran = true);

        var thrown = Record.Exception(() => bus.Publish(new OrderPlaced(1)));

        Assert.Null(thrown);
        Assert.True(ran);
    }

    private sealed class BadlyNamedHandler : IEventHandler<OrderPlaced>
    {
        public void Handle(OrderPlaced message) => throw new InvalidOperationException("boom");

        public override string ToString() => throw new NotSupportedException("no name");
    }
}
