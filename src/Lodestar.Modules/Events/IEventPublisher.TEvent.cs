namespace Lodestar.Modules;

/// <summary>
/// Publishes events of one type. Bound to its event type's handlers once, so each publish skips
/// the type lookup that <see cref="IEventPublisher.Publish{TEvent}"/> does; keep one in a field
/// on hot paths. Get one from <see cref="IEventPublisher.GetPublisher{TEvent}"/> or inject it.
/// </summary>
/// <typeparam name="TEvent">The event type (exact-type dispatch).</typeparam>
public interface IEventPublisher<in TEvent>
{
    /// <summary>
    /// Runs every synchronous handler of <typeparamref name="TEvent"/> inline, in subscription order.
    /// Allocates nothing. A handler that throws does not stop the others and does not make this throw.
    /// </summary>
    /// <param name="message">The event.</param>
    void Publish(TEvent message);

    /// <summary>
    /// Runs the synchronous handlers and awaits the asynchronous ones, as
    /// <see cref="IEventPublisher.PublishAsync{TEvent}"/> does.
    /// </summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">Checked before each asynchronous handler and passed to it.</param>
    /// <returns>A task that completes when every handler has run.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled between handlers.</exception>
    ValueTask PublishAsync(TEvent message, CancellationToken cancellationToken = default);
}
