using System.Diagnostics.CodeAnalysis;

namespace Lodestar.Modules;

/// <summary>Handles events of type <typeparamref name="TEvent"/> asynchronously; awaited by <see cref="IEventPublisher.PublishAsync{TEvent}"/>.</summary>
/// <typeparam name="TEvent">The event type; dispatch is by exact type.</typeparam>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A handler of events is what the name says; the issue and the .NET ecosystem (MessagePipe, MediatR) use this name.")]
public interface IAsyncEventHandler<in TEvent>
{
    /// <summary>Handles one event. A failure is isolated: it is logged and counted, and the other handlers still run.</summary>
    /// <param name="message">The event.</param>
    /// <param name="cancellationToken">The publisher's token.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    ValueTask HandleAsync(TEvent message, CancellationToken cancellationToken);
}
