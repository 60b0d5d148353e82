using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Events;

/// <summary><see cref="IEventPublisher{TEvent}"/>: a publisher bound to one event type behaves as the bus it came from.</summary>
public sealed class TypedPublisherTests : IAsyncDisposable
{
    private sealed record OrderPlaced(int Id);

    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public void Publish_ReachesTheBusHandlersInSubscriptionOrder()
    {
        var bus = BusFactory.Create();
        var log = new List<string>();
        bus.Subscribe<OrderPlaced>(e => log.Add("first:" + e.Id));
        var publisher = bus.GetPublisher<OrderPlaced>();
        bus.Subscribe<OrderPlaced>(e => log.Add("second:" + e.Id));

        publisher.Publish(new OrderPlaced(4));

        Assert.Equal(["first:4", "second:4"], log);
    }

    [Fact]
    public async Task PublishAsync_AwaitsAsyncHandlers()
    {
        var bus = BusFactory.Create();
        var handled = new List<int>();
        bus.SubscribeAsync<OrderPlaced>(async (e, _) =>
        {
            await Task.Yield();
            handled.Add(e.Id);
        });

        await bus.GetPublisher<OrderPlaced>().PublishAsync(new OrderPlaced(6));

        Assert.Equal([6], handled);
    }

    [Fact]
    public async Task Publish_FromAModulesPublisher_CarriesTheModuleAsSource()
    {
        var pricing = _harness.Add("pricing");
        await _harness.Build().StartAllAsync();
        var bus = _harness.Services.GetRequiredService<IEventBus>();
        EventHandlerFailure? failure = null;
        bus.HandlerFailed += (_, f) => failure = f;
        bus.Subscribe<OrderPlaced>(_ => throw new InvalidOperationException("handler bug"));

        pricing.Context!.Events.GetPublisher<OrderPlaced>().Publish(new OrderPlaced(1));

        Assert.Equal("pricing", failure!.SourceModuleId);
    }

    [Fact]
    public async Task Container_ResolvesAPublisherOfAnyEventType_BoundToTheApplicationBus()
    {
        _harness.Add("pricing");
        await _harness.Build().StartAllAsync();
        var received = 0;
        _harness.Services.GetRequiredService<IEventBus>().Subscribe<OrderPlaced>(_ => received++);

        _harness.Services.GetRequiredService<IEventPublisher<OrderPlaced>>().Publish(new OrderPlaced(1));

        Assert.Equal(1, received);
    }
}
