using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

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
    private readonly Counter<long> _eventsPublished;
    private readonly Histogram<double> _handlerDuration;
    private volatile SyncSnapshot _sync;
    private volatile bool _countsDeliveries;
    private volatile Subscription<TEvent>[] _all = [];

    public EventChannel(EventBus bus, LodestarTelemetry telemetry)
    {
        _bus = bus;
        _telemetry = telemetry;
        _eventsPublished = telemetry.EventsPublished;
        _handlerDuration = telemetry.HandlerDuration;
        _sync = new SyncSnapshot(bus, []);
        EventTypeTag = new KeyValuePair<string, object?>("lodestar.event.type", EventTypeName<TEvent>.Value);
        ActivityName = "lodestar.publish " + EventTypeName<TEvent>.Value;
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
    /// Runs the synchronous handlers inline. The loop lives on the snapshot, an instance of the
    /// closed generic type, and calls the delegates bound once per subscription, so it needs no
    /// per-call generic lookup even when <typeparamref name="TEvent"/> is a reference type. This
    /// method holds no exception-handling region itself: it picks a path and hands over to it, and
    /// each path's small method keeps its own, so no path pays for the others' locals.
    /// </summary>
    public void Publish(TEvent message, string? sourceModuleId)
    {
        // Every call here is the method's last, so it needs no frame of its own: the common case
        // costs a few reads and a jump.
        var snapshot = _sync;
        if (_eventsPublished.Enabled || _countsDeliveries || _handlerDuration.Enabled)
        {
            PublishObserved(snapshot, message, sourceModuleId);
        }
        else if (snapshot.Only is { } only)
        {
            snapshot.InvokeOnly(only, message, sourceModuleId);
        }
        else
        {
            snapshot.InvokeAll(message, sourceModuleId);
        }
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

    /// <summary>
    /// The publish when someone watches: it counts the event for the metrics, and when deliveries
    /// are counted or handler durations measured it runs the loop that does so.
    /// </summary>
    private void PublishObserved(SyncSnapshot snapshot, TEvent message, string? sourceModuleId)
    {
        if (_eventsPublished.Enabled)
        {
            _eventsPublished.Add(1, EventTypeTag);
        }

        if (_countsDeliveries || _handlerDuration.Enabled)
        {
            PublishMeasured(snapshot.Subscriptions, message, sourceModuleId);
        }
        else
        {
            snapshot.InvokeAll(message, sourceModuleId);
        }
    }

    /// <summary>The publish loop that counts deliveries and measures handler durations as asked.</summary>
    private void PublishMeasured(Subscription<TEvent>[] handlers, TEvent message, string? sourceModuleId)
    {
        var measure = _handlerDuration.Enabled;
        for (var i = 0; i < handlers.Length; i++)
        {
            var subscription = handlers[i];
            if (!subscription.IsActive)
            {
                continue;
            }

            // Read for each handler: a failure earlier in this publish may start the counting.
            if (_countsDeliveries)
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
                Replace(new SyncSnapshot(_bus, [.. _sync.Subscriptions, subscription]));
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
                    Replace(new SyncSnapshot(_bus, remaining));
                }
            }
        }
    }

    /// <summary>Makes <paramref name="snapshot"/> the current one and marks the one it replaces, which a running publish may still hold.</summary>
    private void Replace(SyncSnapshot snapshot)
    {
        var replaced = _sync;
        _sync = snapshot;
        replaced.MarkReplaced();
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

    /// <summary>
    /// The synchronous subscriptions at one moment, with their handlers' delegates in a parallel array,
    /// and the loops that call them: the publish paths that need no measuring.
    /// </summary>
    private sealed class SyncSnapshot
    {
        private readonly EventBus _bus;
        private volatile bool _replaced;

        public SyncSnapshot(EventBus bus, Subscription<TEvent>[] subscriptions)
        {
            _bus = bus;
            Subscriptions = subscriptions;
            Handlers = new Action<TEvent>[subscriptions.Length];
            for (var i = 0; i < subscriptions.Length; i++)
            {
                Handlers[i] = subscriptions[i].Handle!;
            }

            Only = Handlers.Length == 1 ? Handlers[0] : null;
        }

        public Subscription<TEvent>[] Subscriptions { get; }

        public Action<TEvent>[] Handlers { get; }

        /// <summary>
        /// The handler when there is exactly one, else <see langword="null"/>: read straight from the
        /// snapshot, it saves the common case a dependent read and a bounds check.
        /// </summary>
#pragma warning disable CA1051 // A field, read on the publish hot path.
        public readonly Action<TEvent>? Only;
#pragma warning restore CA1051

        /// <summary>Marks that a newer snapshot has replaced this one, so some subscription in it may have ended.</summary>
        public void MarkReplaced() => _replaced = true;

        /// <summary>Calls <see cref="Only"/>, the one handler of a snapshot that has one: nothing can have ended it since the snapshot was read.</summary>
        public void InvokeOnly(Action<TEvent> only, TEvent message, string? sourceModuleId)
        {
            try
            {
                only(message);
            }
            catch (Exception exception)
            {
                Failed(0, sourceModuleId, exception);
            }
        }

        /// <summary>
        /// Calls every handler. The try block sits outside the loop, which lives in a method of its
        /// own, so the loop carries no exception-handling region (which would keep its locals out of
        /// registers); a failure resumes at the next handler.
        /// </summary>
        public void InvokeAll(TEvent message, string? sourceModuleId)
        {
            var next = 0;
            while (next < Handlers.Length)
            {
                try
                {
                    InvokeFrom(ref next, message);
                }
                catch (Exception exception)
                {
                    Failed(next, sourceModuleId, exception);
                    next++;
                }
            }
        }

        /// <summary>Reports the failure of handler <paramref name="index"/>; kept out of the catch blocks, so they need few registers.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Failed(int index, string? sourceModuleId, Exception exception)
        {
            if (_bus.OnHandlerFailed(Subscriptions[index], sourceModuleId, exception))
            {
                // This failure started the counting, and this loop does not count: count the handlers
                // it has yet to call, so the failure rate of this publish has every delivery in it.
                for (var i = index + 1; i < Subscriptions.Length; i++)
                {
                    if (Subscriptions[i].IsActive)
                    {
                        Subscriptions[i].CountDelivery();
                    }
                }
            }
        }

        /// <summary>
        /// Calls the handlers from <paramref name="next"/> on. While this snapshot is still the
        /// channel's current one, no subscription in it has ended, so one flag read per handler stands
        /// in for checking each subscription; after any change the rest are checked one by one.
        /// An instance method, so shared generic code finds its type through <see langword="this"/>
        /// and the loop keeps its locals in registers.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void InvokeFrom(ref int next, TEvent message)
        {
            var handlers = Handlers;
            for (var i = next; i < handlers.Length; i++)
            {
                next = i;
                if (_replaced)
                {
                    InvokeActiveFrom(Subscriptions, ref next, message);
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
    }
}
