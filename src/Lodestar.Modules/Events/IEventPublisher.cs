namespace Lodestar.Modules;

/// <summary>Publishes typed events to the handlers subscribed to their exact type.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Runs every synchronous handler of <typeparamref name="TEvent"/> inline, in subscription order.
    /// Allocates nothing. A handler that throws does not stop the others and does not make this throw.
    /// Asynchronous handlers are not run: use <see cref="PublishAsync{TEvent}"/>.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="message">The event.</param>
    void Publish<TEvent>(TEvent message);

    /// <summary>
    /// Runs the synchronous handlers and awaits the asynchronous ones, in subscription order
    /// (sequentially by default; concurrently when <see cref="EventBusOptions.AsyncHandlers"/> says so).
    /// Allocates nothing when every handler completes synchronously.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Checked before each asynchronous handler and passed to it.</param>
    /// <returns>A task that completes when every handler has run.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled between handlers.</exception>
    ValueTask PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets a publisher bound to <typeparamref name="TEvent"/>'s handlers, for hot paths: it skips
    /// the per-call type lookup. Events it publishes carry the same source as this publisher's.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <returns>A publisher that stays valid for the life of the bus.</returns>
    IEventPublisher<TEvent> GetPublisher<TEvent>();
}
