using System.Diagnostics.CodeAnalysis;

namespace Lodestar.Modules;

/// <summary>Handles events of type <typeparamref name="TEvent"/> synchronously, inline in <see cref="IEventPublisher.Publish{TEvent}"/>.</summary>
/// <typeparam name="TEvent">The event type; dispatch is by exact type.</typeparam>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "A handler of events is what the name says; the issue and the .NET ecosystem (MessagePipe, MediatR) use this name.")]
public interface IEventHandler<in TEvent>
{
    /// <summary>Handles one event. An exception is isolated: it is logged and counted, and the other handlers still run.</summary>
    /// <param name="message">The event.</param>
    void Handle(TEvent message);
}
