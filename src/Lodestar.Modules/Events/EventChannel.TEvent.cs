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

    /// <summary>
    /// Runs the synchronous handlers inline. The loop lives on the channel, an instance of the
    /// closed generic type, so calls through <see cref="IEventHandler{TEvent}"/> need no
    /// per-call generic lookup even when <typeparamref name="TEvent"/> is a reference type.
    /// </summary>
    public void Publish(TEvent message, string? sourceModuleId, EventBus bus, LodestarTelemetry telemetry)
    {
        var handlers = _sync;
        if (telemetry.HandlerDuration.Enabled)
        {
            PublishMeasured(handlers, message, sourceModuleId, bus, telemetry);
        }
        else
        {
            // The try block sits outside the loop so the loop itself carries no exception-handling
            // region (which would keep its locals out of registers); a failure resumes at the next handler.
            var next = 0;
            while (next < handlers.Length)
            {
                try
                {
                    InvokeFrom(handlers, ref next, message);
                }
                catch (Exception exception)
                {
                    bus.OnHandlerFailed(handlers[next], sourceModuleId, exception);
                    next++;
                }
            }
        }

        if (telemetry.EventsPublished.Enabled)
        {
            telemetry.EventsPublished.Add(1, EventTypeTag);
        }
    }

    private static void InvokeFrom(Subscription<TEvent>[] handlers, ref int next, TEvent message)
    {
        for (var i = next; i < handlers.Length; i++)
        {
            next = i;
            var subscription = handlers[i];
            if (subscription.IsActive)
            {
                subscription.Handle!(message);
            }
        }

        next = handlers.Length;
    }

    private void PublishMeasured(Subscription<TEvent>[] handlers, TEvent message, string? sourceModuleId, EventBus bus, LodestarTelemetry telemetry)
    {
        for (var i = 0; i < handlers.Length; i++)
        {
            var subscription = handlers[i];
            if (!subscription.IsActive)
            {
                continue;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                subscription.Sync!.Handle(message);
            }
            catch (Exception exception)
            {
                bus.OnHandlerFailed(subscription, sourceModuleId, exception);
            }

            telemetry.RecordHandlerDuration(started, EventTypeTag);
        }
    }

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
