namespace Lodestar.Modules;

/// <summary>
/// The subscriptions of one event type on one bus, as immutable arrays swapped on every subscribe
/// and unsubscribe (copy-on-write), so publishing reads them without a lock and never sees a half-made list.
/// </summary>
internal sealed class EventChannel<TEvent> : EventChannel
{
    private readonly Lock _gate = new();
    private readonly EventBus _bus;
    private readonly LodestarTelemetry _telemetry;
    private volatile SyncSnapshot _sync = SyncSnapshot.Empty;
    private volatile bool _countsDeliveries;
    private volatile Subscription<TEvent>[] _all = [];

    public EventChannel(EventBus bus, LodestarTelemetry telemetry)
    {
        _bus = bus;
        _telemetry = telemetry;
        EventTypeTag = new KeyValuePair<string, object?>("lodestar.event.type", typeof(TEvent).Name);
        ActivityName = "lodestar.publish " + typeof(TEvent).Name;
    }

    /// <summary>Gets the bus this channel belongs to.</summary>
    public EventBus Bus => _bus;

    /// <summary>Gets the metric tag naming the event type, made once.</summary>
    public KeyValuePair<string, object?> EventTypeTag { get; }

    /// <summary>Gets the name of the activity of an asynchronous publish, made once.</summary>
    public string ActivityName { get; }

    /// <summary>
    /// Gets whether publishing counts each delivery to a module-owned handler, for the handler
    /// failure rate of the health monitor. A channel starts counting at its first handler failure
    /// (<see cref="StartCountingDeliveries"/>), so events whose handlers never fail pay nothing for it.
    /// </summary>
    public bool CountsDeliveries => _countsDeliveries;

    /// <summary>Gets every handler, synchronous and asynchronous, in subscription order.</summary>
    public Subscription<TEvent>[] AllHandlers => _all;

    /// <summary>
    /// Runs the synchronous handlers inline. The loop lives on the channel, an instance of the
    /// closed generic type, and calls the delegates bound once per subscription, so it needs no
    /// per-call generic lookup even when <typeparamref name="TEvent"/> is a reference type.
    /// </summary>
    public void Publish(TEvent message, string? sourceModuleId)
    {
        var snapshot = _sync;
        var telemetry = _telemetry;
        if (_countsDeliveries || telemetry.HandlerDuration.Enabled)
        {
            PublishObserved(snapshot.Subscriptions, message, sourceModuleId);
        }
        else
        {
            // The try block sits outside the loop so the loop itself carries no exception-handling
            // region (which would keep its locals out of registers); a failure resumes at the next handler.
            var next = 0;
            while (next < snapshot.Handlers.Length)
            {
                try
                {
                    InvokeFrom(snapshot, ref next, message);
                }
                catch (Exception exception)
                {
                    _bus.OnHandlerFailed(snapshot.Subscriptions[next], sourceModuleId, exception);
                    next++;
                }
            }
        }

        if (telemetry.EventsPublished.Enabled)
        {
            telemetry.EventsPublished.Add(1, EventTypeTag);
        }
    }

    /// <summary>
    /// Calls the handlers from <paramref name="next"/> on. While the channel still holds
    /// <paramref name="snapshot"/>, no subscription in it has ended, so one reference comparison per
    /// handler stands in for checking each subscription; after any change the rest are checked one by one.
    /// </summary>
    private void InvokeFrom(SyncSnapshot snapshot, ref int next, TEvent message)
    {
        var handlers = snapshot.Handlers;
        for (var i = next; i < handlers.Length; i++)
        {
            next = i;
            if (snapshot != _sync)
            {
                InvokeActiveFrom(snapshot.Subscriptions, ref next, message);
                return;
            }

            handlers[i](message);
        }

        next = handlers.Length;
    }

    private static void InvokeActiveFrom(Subscription<TEvent>[] subscriptions, ref int next, TEvent message)
    {
        for (var i = next; i < subscriptions.Length; i++)
        {
            next = i;
            var subscription = subscriptions[i];
            if (subscription.IsActive)
            {
                subscription.Handle!(message);
            }
        }

        next = subscriptions.Length;
    }

    /// <summary>Starts counting deliveries (see <see cref="CountsDeliveries"/>).</summary>
    /// <returns><see langword="true"/> when this call started it; <see langword="false"/> when it was already counting.</returns>
    public bool StartCountingDeliveries()
    {
        if (_countsDeliveries)
        {
            return false;
        }

        _countsDeliveries = true;
        return true;
    }

    /// <summary>The publish loop when someone watches: it counts deliveries and measures handler durations as asked.</summary>
    private void PublishObserved(Subscription<TEvent>[] handlers, TEvent message, string? sourceModuleId)
    {
        var count = _countsDeliveries;
        var measure = _telemetry.HandlerDuration.Enabled;
        for (var i = 0; i < handlers.Length; i++)
        {
            var subscription = handlers[i];
            if (!subscription.IsActive)
            {
                continue;
            }

            if (count)
            {
                subscription.CountDelivery();
            }

            var started = measure ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            try
            {
                subscription.Handle!(message);
            }
            catch (Exception exception)
            {
                _bus.OnHandlerFailed(subscription, sourceModuleId, exception);
            }

            if (measure)
            {
                _telemetry.RecordHandlerDuration(started, EventTypeTag);
            }
        }
    }

    public void Add(Subscription<TEvent> subscription)
    {
        lock (_gate)
        {
            _all = [.. _all, subscription];
            if (subscription.Sync is not null)
            {
                _sync = new SyncSnapshot([.. _sync.Subscriptions, subscription]);
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
                var remaining = Without(_sync.Subscriptions, subscription);
                if (remaining.Length != _sync.Subscriptions.Length)
                {
                    _sync = new SyncSnapshot(remaining);
                }
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

    /// <summary>The synchronous subscriptions at one moment, with their handlers' delegates in a parallel array for the publish loop.</summary>
    private sealed class SyncSnapshot
    {
        public static readonly SyncSnapshot Empty = new([]);

        public SyncSnapshot(Subscription<TEvent>[] subscriptions)
        {
            Subscriptions = subscriptions;
            Handlers = new Action<TEvent>[subscriptions.Length];
            for (var i = 0; i < subscriptions.Length; i++)
            {
                Handlers[i] = subscriptions[i].Handle!;
            }
        }

        public Subscription<TEvent>[] Subscriptions { get; }

        public Action<TEvent>[] Handlers { get; }
    }
}
