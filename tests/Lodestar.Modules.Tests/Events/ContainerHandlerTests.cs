using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Events;

/// <summary>Handlers registered in the container: built when their event type is first used, and free to use the bus themselves.</summary>
public sealed class ContainerHandlerTests
{
    private sealed record OrderPlaced(int Id);

    private sealed record InvoiceIssued(int Id);

    /// <summary>Forwards through a typed publisher of another event type, the recommended hot path.</summary>
    private sealed class Forwarder(IEventPublisher<InvoiceIssued> invoices) : IEventHandler<OrderPlaced>
    {
        public void Handle(OrderPlaced message) => invoices.Publish(new InvoiceIssued(message.Id));
    }

    /// <summary>Takes a publisher of the very event type it handles.</summary>
    private sealed class Echo(IEventPublisher<OrderPlaced> orders) : IEventHandler<OrderPlaced>
    {
        public void Handle(OrderPlaced message) => orders.Publish(message);
    }

    private sealed class Broken : IEventHandler<OrderPlaced>
    {
        public Broken() => throw new InvalidOperationException("the connection string is missing");

        public void Handle(OrderPlaced message)
        {
        }
    }

    private static IEventBus BusWith(Action<IServiceCollection> register, out ServiceProvider provider)
    {
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(new ConfigurationBuilder().Build());
        register(services);
        provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IEventBus>();
    }

    [Fact]
    public void HandlerUsingAnotherEventTypeWhenBuilt_KeepsThatTypesChannel()
    {
        var bus = BusWith(s => s.AddSingleton<IEventHandler<OrderPlaced>, Forwarder>(), out var provider);
        using var _ = provider;
        var invoices = new List<int>();

        // The first publish builds Forwarder, whose IEventPublisher<InvoiceIssued> makes that type's channel.
        bus.Publish(new OrderPlaced(1));
        bus.Subscribe<InvoiceIssued>(e => invoices.Add(e.Id));
        bus.Publish(new OrderPlaced(2));

        Assert.Equal([2], invoices);
    }

    [Fact]
    public void HandlerNeedingItsOwnEventTypeWhenBuilt_FailsWithAnErrorNamingIt()
    {
        var bus = BusWith(s => s.AddSingleton<IEventHandler<OrderPlaced>, Echo>(), out var provider);
        using var _ = provider;

        var error = Assert.Throws<InvalidOperationException>(() => bus.Publish(new OrderPlaced(1)));

        Assert.Contains("OrderPlaced", error.Message, StringComparison.Ordinal);
        Assert.Contains("GetPublisher<OrderPlaced>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HandlerWhoseConstructorThrows_FailsThePublishWithAnErrorNamingTheEventType()
    {
        var bus = BusWith(s => s.AddSingleton<IEventHandler<OrderPlaced>, Broken>(), out var provider);
        using var _ = provider;

        var error = Assert.Throws<InvalidOperationException>(() => bus.Publish(new OrderPlaced(1)));

        Assert.Contains("IEventHandler<OrderPlaced>", error.Message, StringComparison.Ordinal);
        Assert.Contains("the connection string is missing", error.Message, StringComparison.Ordinal);
    }
}
