namespace Lodestar.Modules;

/// <summary>One handler subscribed to one event type. Disposing it ends the subscription; disposing again does nothing.</summary>
internal sealed class Subscription<TEvent> : Subscription
{
    private volatile bool _active = true;

    public Subscription(EventChannel<TEvent> channel, IEventHandler<TEvent>? sync, IAsyncEventHandler<TEvent>? async, ModuleEvents? owner)
        : base(owner)
    {
        Channel = channel;
        Sync = sync;
        Handle = sync is null ? null : sync.Handle;
        Async = async;
    }

    /// <summary>Gets the channel the subscription is in.</summary>
    public EventChannel<TEvent> Channel { get; }

    public IEventHandler<TEvent>? Sync { get; }

    /// <summary>
    /// The synchronous handler's <c>Handle</c> as a delegate, bound once. Calling a delegate needs no
    /// generic lookup in shared generic code, where an interface call on <c>IEventHandler&lt;__Canon&gt;</c> does.
    /// </summary>
#pragma warning disable CA1051 // A field, read on the publish hot path.
    public readonly Action<TEvent>? Handle;
#pragma warning restore CA1051

    public IAsyncEventHandler<TEvent>? Async { get; }

    /// <summary>Gets whether the subscription is live. A publish that already holds the handler array checks this before each call.</summary>
    public bool IsActive => _active;

    /// <summary>Gets the handler's name for logs and <see cref="EventHandlerFailure.Handler"/>: its <c>ToString()</c>, or its type's name when that fails.</summary>
    public string HandlerName
    {
        get
        {
            var handler = (object?)Sync ?? Async!;
            try
            {
                return handler.ToString() ?? handler.GetType().FullName!;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Naming a failing handler must not fail its isolation; the type still names it.
                return $"{handler.GetType().FullName} (ToString threw {exception.GetType().Name})";
            }
        }
    }

    public override void Dispose()
    {
        if (!_active)
        {
            return;
        }

        _active = false;
        Channel.Remove(this);
        Owner?.Forget(this);
    }
}
