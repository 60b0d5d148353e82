namespace Lodestar.Modules;

/// <summary>Subscribes delegates as event handlers.</summary>
public static class EventSubscriberExtensions
{
    /// <summary>Subscribes a synchronous delegate.</summary>
    /// <typeparam name="TEvent">The event type (exact-type dispatch).</typeparam>
    /// <param name="subscriber">The bus or a module's events.</param>
    /// <param name="handler">The delegate.</param>
    /// <returns>Ends the subscription when disposed.</returns>
    public static IDisposable Subscribe<TEvent>(this IEventSubscriber subscriber, Action<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(handler);
        return subscriber.Subscribe<TEvent>(new DelegateEventHandler<TEvent>(handler));
    }

    /// <summary>Subscribes an asynchronous delegate.</summary>
    /// <typeparam name="TEvent">The event type (exact-type dispatch).</typeparam>
    /// <param name="subscriber">The bus or a module's events.</param>
    /// <param name="handler">The delegate.</param>
    /// <returns>Ends the subscription when disposed.</returns>
    public static IDisposable SubscribeAsync<TEvent>(this IEventSubscriber subscriber, Func<TEvent, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(handler);
        return subscriber.Subscribe<TEvent>(new DelegateAsyncEventHandler<TEvent>(handler));
    }

    private sealed class DelegateEventHandler<TEvent>(Action<TEvent> handler) : IEventHandler<TEvent>
    {
        public void Handle(TEvent message) => handler(message);

        public override string ToString() => handler.Method.DeclaringType?.Name + "." + handler.Method.Name;
    }

    private sealed class DelegateAsyncEventHandler<TEvent>(Func<TEvent, CancellationToken, ValueTask> handler) : IAsyncEventHandler<TEvent>
    {
        public ValueTask HandleAsync(TEvent message, CancellationToken cancellationToken) => handler(message, cancellationToken);

        public override string ToString() => handler.Method.DeclaringType?.Name + "." + handler.Method.Name;
    }
}
