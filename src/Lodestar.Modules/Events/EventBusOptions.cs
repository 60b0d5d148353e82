namespace Lodestar.Modules;

/// <summary>Settings of the event bus.</summary>
public sealed class EventBusOptions
{
    /// <summary>Gets or sets how <see cref="IEventPublisher.PublishAsync{TEvent}"/> runs asynchronous handlers.</summary>
    /// <value>The default value is <see cref="AsyncHandlerMode.Sequential"/>.</value>
    public AsyncHandlerMode AsyncHandlers { get; set; } = AsyncHandlerMode.Sequential;
}
