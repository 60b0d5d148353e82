namespace Lodestar.Modules;

/// <summary>An <see cref="IEventPublisher{TEvent}"/> bound to one bus's channel and, when a module made it, to that module as the source.</summary>
internal sealed class EventPublisher<TEvent> : IEventPublisher<TEvent>
{
    private readonly EventChannel<TEvent> _channel;
    private readonly string? _sourceModuleId;

    /// <summary>Creates the container's publisher, with no source module.</summary>
    public EventPublisher(EventBus bus)
        : this(bus.GetChannel<TEvent>(), null)
    {
    }

    internal EventPublisher(EventChannel<TEvent> channel, string? sourceModuleId)
    {
        _channel = channel;
        _sourceModuleId = sourceModuleId;
    }

    public void Publish(TEvent message) => _channel.Publish(message, _sourceModuleId);

    public ValueTask PublishAsync(TEvent message, CancellationToken cancellationToken = default) =>
        _channel.Bus.PublishAsyncCore(_channel, message, _sourceModuleId, cancellationToken);
}
