namespace Lodestar.Modules;

/// <summary>How <see cref="IEventPublisher.PublishAsync{TEvent}"/> runs asynchronous handlers.</summary>
public enum AsyncHandlerMode
{
    /// <summary>One after another, in subscription order; cancellation is checked between them.</summary>
    Sequential = 0,

    /// <summary>
    /// All at once after the synchronous handlers ran; the publish completes when all have. Cancellation
    /// stops further handlers from starting, and the publish still waits for those it started.
    /// </summary>
    Concurrent = 1,
}
