namespace Lodestar.Modules;

/// <summary>Subscribes handlers to typed events. Every subscription is ended by disposing what it returns.</summary>
public interface IEventSubscriber
{
    /// <summary>Subscribes a synchronous handler.</summary>
    /// <typeparam name="TEvent">The event type (exact-type dispatch).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <returns>Ends the subscription when disposed; disposing twice is harmless.</returns>
    IDisposable Subscribe<TEvent>(IEventHandler<TEvent> handler);

    /// <summary>Subscribes an asynchronous handler; it runs only for <see cref="IEventPublisher.PublishAsync{TEvent}"/>.</summary>
    /// <typeparam name="TEvent">The event type (exact-type dispatch).</typeparam>
    /// <param name="handler">The handler.</param>
    /// <returns>Ends the subscription when disposed; disposing twice is harmless.</returns>
    IDisposable Subscribe<TEvent>(IAsyncEventHandler<TEvent> handler);
}
