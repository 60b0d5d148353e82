namespace Lodestar.Modules;

/// <summary>
/// The subscriptions of one event type, as immutable arrays swapped on every subscribe and
/// unsubscribe (copy-on-write), so publishing reads them without a lock and never sees a half-made list.
/// </summary>
internal sealed class EventChannel<TEvent> : EventChannel
{
    private readonly Lock _gate = new();
    private volatile Subscription<TEvent>[] _sync = [];
    private volatile Subscription<TEvent>[] _all = [];

    public EventChannel()
    {
        EventTypeTag = new KeyValuePair<string, object?>("lodestar.event.type", typeof(TEvent).Name);
        ActivityName = "lodestar.publish " + typeof(TEvent).Name;
    }

    /// <summary>Gets the metric tag naming the event type, made once.</summary>
    public KeyValuePair<string, object?> EventTypeTag { get; }

    /// <summary>Gets the name of the activity of an asynchronous publish, made once.</summary>
    public string ActivityName { get; }

    /// <summary>Gets the synchronous handlers, in subscription order.</summary>
    public Subscription<TEvent>[] SyncHandlers => _sync;

    /// <summary>Gets every handler, synchronous and asynchronous, in subscription order.</summary>
    public Subscription<TEvent>[] AllHandlers => _all;

    public void Add(Subscription<TEvent> subscription)
    {
        lock (_gate)
        {
            _all = [.. _all, subscription];
            if (subscription.Sync is not null)
            {
                _sync = [.. _sync, subscription];
            }
        }
    }

    public void Remove(Subscription<TEvent> subscription)
    {
        lock (_gate)
        {
            _all = Without(_all, subscription);
            if (subscription.Sync is not null)
            {
                _sync = Without(_sync, subscription);
            }
        }
    }

    private static Subscription<TEvent>[] Without(Subscription<TEvent>[] handlers, Subscription<TEvent> removed)
    {
        var index = Array.IndexOf(handlers, removed);
        if (index < 0)
        {
            return handlers;
        }

        var copy = new Subscription<TEvent>[handlers.Length - 1];
        Array.Copy(handlers, 0, copy, 0, index);
        Array.Copy(handlers, index + 1, copy, index, handlers.Length - index - 1);
        return copy;
    }
}
