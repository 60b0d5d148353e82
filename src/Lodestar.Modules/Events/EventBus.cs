using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules;

/// <summary>
/// The in-process event bus. Each event type has a channel, found by one array read
/// (<see cref="EventTypeSlot{TEvent}"/>); a channel's handlers are immutable arrays swapped on
/// subscribe and unsubscribe, so publishing takes no lock and allocates nothing.
/// </summary>
/// <remarks>
/// Handlers registered in the container (<see cref="IEventHandler{TEvent}"/>,
/// <see cref="IAsyncEventHandler{TEvent}"/>) are resolved once, when the event type is first
/// published or subscribed to, and run before the handlers subscribed at run time.
/// </remarks>
internal sealed class EventBus : IEventBus
{
    private readonly IServiceProvider? _services;
    private readonly EventBusOptions _options;
    private readonly ILogger _logger;
    private readonly LodestarTelemetry _telemetry;
    private readonly Lock _gate = new();
    [ThreadStatic]
    private static HashSet<(EventBus Bus, int Slot)>? t_resolving;

    private volatile EventChannel?[] _channels = new EventChannel?[16];

    public EventBus(IServiceProvider? services, EventBusOptions options, ILogger logger, LodestarTelemetry telemetry)
    {
        _services = services;
        _options = options;
        _logger = logger;
        _telemetry = telemetry;
    }

    public event EventHandler<EventHandlerFailure>? HandlerFailed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish<TEvent>(TEvent message) => GetChannel<TEvent>().Publish(message, null);

    public ValueTask PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) =>
        PublishAsyncCore(GetChannel<TEvent>(), message, null, cancellationToken);

    public IEventPublisher<TEvent> GetPublisher<TEvent>() => new EventPublisher<TEvent>(GetChannel<TEvent>(), null);

    public IDisposable Subscribe<TEvent>(IEventHandler<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return SubscribeCore(handler, null, null);
    }

    public IDisposable Subscribe<TEvent>(IAsyncEventHandler<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return SubscribeCore(null, handler, null);
    }

    internal Subscription<TEvent> SubscribeCore<TEvent>(IEventHandler<TEvent>? sync, IAsyncEventHandler<TEvent>? async, ModuleEvents? owner)
    {
        var channel = GetChannel<TEvent>();
        var subscription = new Subscription<TEvent>(channel, sync, async, owner);
        channel.Add(subscription);
        return subscription;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PublishCore<TEvent>(TEvent message, string? sourceModuleId) =>
        GetChannel<TEvent>().Publish(message, sourceModuleId);

    internal ValueTask PublishAsyncCore<TEvent>(EventChannel<TEvent> channel, TEvent message, string? sourceModuleId, CancellationToken cancellationToken)
    {
        if (_telemetry.EventsPublished.Enabled)
        {
            _telemetry.EventsPublished.Add(1, channel.EventTypeTag);
        }

        // A channel that counts deliveries stays here: this loop counts them as RunSequentialAsync does.
        if (_options.AsyncHandlers == AsyncHandlerMode.Concurrent || LodestarTelemetry.ActivitySource.HasListeners() || _telemetry.HandlerDuration.Enabled)
        {
            return PublishAsyncSlow(channel, message, sourceModuleId, cancellationToken);
        }

        // Fast path: no allocation while every handler completes synchronously.
        var handlers = channel.AllHandlers;
        for (var i = 0; i < handlers.Length; i++)
        {
            var subscription = handlers[i];
            if (!subscription.IsActive)
            {
                continue;
            }

            // Checked before the delivery is counted: a handler that the cancellation keeps from running was not delivered to.
            if (subscription.Sync is null && cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled(cancellationToken);
            }

            // A failure earlier in this publish may have started the counting.
            if (channel.CountsDeliveries)
            {
                subscription.CountDelivery();
            }

            if (subscription.Sync is not null)
            {
                InvokeSync(subscription, message, sourceModuleId);
                continue;
            }

            ValueTask pending;
            try
            {
                pending = subscription.Async!.HandleAsync(message, cancellationToken);
            }
            catch (Exception exception)
            {
                if (IsCancellation(exception, cancellationToken))
                {
                    // The publisher's own cancellation, thrown before the handler's first await: the
                    // caller gets a cancelled task, as from the rest of PublishAsync, not a throw.
                    return ValueTask.FromCanceled(cancellationToken);
                }

                OnHandlerFailed(subscription, sourceModuleId, exception);
                continue;
            }

            if (pending.IsCompletedSuccessfully)
            {
                pending.GetAwaiter().GetResult();
                continue;
            }

            return ContinueSequentialAsync(pending, channel, handlers, i, message, sourceModuleId, cancellationToken);
        }

        return default;
    }

    private async ValueTask ContinueSequentialAsync<TEvent>(
        ValueTask pending,
        EventChannel<TEvent> channel,
        Subscription<TEvent>[] handlers,
        int index,
        TEvent message,
        string? sourceModuleId,
        CancellationToken cancellationToken)
    {
        await AwaitHandlerAsync(pending, handlers[index], sourceModuleId, cancellationToken).ConfigureAwait(false);
        await RunSequentialAsync(handlers, index + 1, message, sourceModuleId, channel, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask PublishAsyncSlow<TEvent>(EventChannel<TEvent> channel, TEvent message, string? sourceModuleId, CancellationToken cancellationToken)
    {
        using var activity = LodestarTelemetry.ActivitySource.StartActivity(channel.ActivityName, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("lodestar.event.type", EventTypeName<TEvent>.Value);
            activity.SetTag("lodestar.event.source", sourceModuleId);
        }

        var handlers = channel.AllHandlers;
        try
        {
            if (_options.AsyncHandlers == AsyncHandlerMode.Concurrent)
            {
                await RunConcurrentAsync(handlers, message, sourceModuleId, channel, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunSequentialAsync(handlers, 0, message, sourceModuleId, channel, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }
    }

    private async ValueTask RunSequentialAsync<TEvent>(
        Subscription<TEvent>[] handlers,
        int start,
        TEvent message,
        string? sourceModuleId,
        EventChannel<TEvent> channel,
        CancellationToken cancellationToken)
    {
        var measure = _telemetry.HandlerDuration.Enabled;
        for (var i = start; i < handlers.Length; i++)
        {
            var subscription = handlers[i];
            if (!subscription.IsActive)
            {
                continue;
            }

            // Checked before the delivery is counted: a handler that the cancellation keeps from running was not delivered to.
            if (subscription.Sync is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Read for each handler: a failure earlier in this publish may start the counting.
            if (channel.CountsDeliveries)
            {
                subscription.CountDelivery();
            }

            var started = measure ? Stopwatch.GetTimestamp() : 0;
            if (subscription.Sync is not null)
            {
                InvokeSync(subscription, message, sourceModuleId);
            }
            else
            {
                await InvokeAsync(subscription, message, sourceModuleId, cancellationToken).ConfigureAwait(false);
            }

            if (measure)
            {
                _telemetry.RecordHandlerDuration(started, channel.EventTypeTag);
            }
        }
    }

    /// <summary>
    /// Runs the synchronous handlers in subscription order, then starts every asynchronous one and
    /// waits for all of them. Cancellation stops further handlers from starting; the publish still
    /// ends only once the handlers it started have.
    /// </summary>
    private async ValueTask RunConcurrentAsync<TEvent>(
        Subscription<TEvent>[] handlers,
        TEvent message,
        string? sourceModuleId,
        EventChannel<TEvent> channel,
        CancellationToken cancellationToken)
    {
        foreach (var subscription in handlers)
        {
            if (subscription.Sync is null || !subscription.IsActive)
            {
                continue;
            }

            // Read for each handler: a failure earlier in this publish may start the counting.
            if (channel.CountsDeliveries)
            {
                subscription.CountDelivery();
            }

            var started = _telemetry.HandlerDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
            InvokeSync(subscription, message, sourceModuleId);
            if (started != 0)
            {
                _telemetry.RecordHandlerDuration(started, channel.EventTypeTag);
            }
        }

        List<Task>? running = null;
        var cancelled = false;
        foreach (var subscription in handlers)
        {
            if (subscription.Sync is not null || !subscription.IsActive)
            {
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            (running ??= []).Add(InvokeConcurrentAsync(subscription, message, sourceModuleId, channel, cancellationToken).AsTask());
        }

        if (running is not null)
        {
            var all = Task.WhenAll(running);
            await all.ConfigureAwait(cancelled ? ConfigureAwaitOptions.SuppressThrowing : ConfigureAwaitOptions.None);
        }

        // Cancelled only when the cancellation kept a handler from starting (or a handler passed it on, above):
        // a token cancelled after every handler started does not undo a publish that reached them all.
        if (cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Runs one asynchronous handler of a concurrent publish. Its delivery is counted when it ends, if the
    /// channel counts by then: the handlers of a publish all start before any of them can fail, so this is
    /// how the first failure of a channel counts the rest of that publish. A failure that starts the counting
    /// has counted its own delivery already.
    /// </summary>
    private async ValueTask InvokeConcurrentAsync<TEvent>(Subscription<TEvent> subscription, TEvent message, string? sourceModuleId, EventChannel<TEvent> channel, CancellationToken cancellationToken)
    {
        var started = _telemetry.HandlerDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        var counted = false;
        try
        {
            await subscription.Async!.HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            counted = OnHandlerFailed(subscription, sourceModuleId, exception);
        }
        finally
        {
            // Counted by the owner, so it is kept if the module ended the subscription meanwhile.
            if (!counted && channel.CountsDeliveries)
            {
                subscription.CountDelivery();
            }
        }

        if (started != 0)
        {
            _telemetry.RecordHandlerDuration(started, channel.EventTypeTag);
        }
    }

    private ValueTask InvokeAsync<TEvent>(Subscription<TEvent> subscription, TEvent message, string? sourceModuleId, CancellationToken cancellationToken)
    {
        ValueTask pending;
        try
        {
            pending = subscription.Async!.HandleAsync(message, cancellationToken);
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            OnHandlerFailed(subscription, sourceModuleId, exception);
            return default;
        }

        return AwaitHandlerAsync(pending, subscription, sourceModuleId, cancellationToken);
    }

    private async ValueTask AwaitHandlerAsync<TEvent>(ValueTask pending, Subscription<TEvent> subscription, string? sourceModuleId, CancellationToken cancellationToken)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception) when (!IsCancellation(exception, cancellationToken))
        {
            OnHandlerFailed(subscription, sourceModuleId, exception);
        }
    }

    private void InvokeSync<TEvent>(Subscription<TEvent> subscription, TEvent message, string? sourceModuleId)
    {
        try
        {
            subscription.Sync!.Handle(message);
        }
        catch (Exception exception)
        {
            OnHandlerFailed(subscription, sourceModuleId, exception);
        }
    }

    /// <summary>The publisher's own cancellation passes through; any other exception is the handler's failure.</summary>
    private static bool IsCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;

    /// <summary>Counts, logs and reports a handler's failure.</summary>
    /// <returns>Whether this failure started the channel's counting of deliveries (see <see cref="EventChannel{TEvent}.CountsDeliveries"/>).</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal bool OnHandlerFailed<TEvent>(Subscription<TEvent> subscription, string? sourceModuleId, Exception exception)
    {
        var owner = subscription.Owner;
        var startedCounting = false;
        if (owner is not null)
        {
            owner.CountFailure();

            // Deliveries are counted from a channel's first failure on; that failing delivery counts too.
            if (subscription.Channel.StartCountingDeliveries())
            {
                startedCounting = true;
                owner.CountDelivery();
            }
        }

        var failure = new EventHandlerFailure(typeof(TEvent), subscription.HandlerName, sourceModuleId, owner?.ModuleId, exception);
        Log.HandlerFailed(_logger, EventTypeName<TEvent>.Value, failure.Handler, sourceModuleId ?? "-", failure.OwnerModuleId ?? "-", exception);
        _telemetry.HandlerFailures.Add(1, subscription.Channel.EventTypeTag);

        var observers = HandlerFailed;
        if (observers is null)
        {
            return startedCounting;
        }

        foreach (var observer in observers.GetInvocationList())
        {
            try
            {
                ((EventHandler<EventHandlerFailure>)observer)(this, failure);
            }
            catch (Exception observerException)
            {
                Log.HandlerFailedObserverThrew(_logger, EventTypeName<TEvent>.Value, observerException);
            }
        }

        return startedCounting;
    }

    /// <summary>Gets <typeparamref name="TEvent"/>'s channel on this bus, creating it on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal EventChannel<TEvent> GetChannel<TEvent>()
    {
        var channels = _channels;
        var index = EventTypeSlot<TEvent>.Index;
        if ((uint)index < (uint)channels.Length && channels[index] is { } channel)
        {
            return Unsafe.As<EventChannel<TEvent>>(channel);
        }

        return CreateChannel<TEvent>();
    }

    /// <summary>
    /// Makes <typeparamref name="TEvent"/>'s channel with the container's handlers first in it. The
    /// handlers are resolved before the lock is taken, so a handler's constructor may use the bus
    /// (take a publisher of another event type, say) without deadlocking it or losing the channels it
    /// makes; a concurrent first use of the same type may resolve them twice, and one set is kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EventChannel<TEvent> CreateChannel<TEvent>()
    {
        var index = EventTypeSlot<TEvent>.Index;
        var (sync, async) = ResolveContainerHandlers<TEvent>();
        lock (_gate)
        {
            // Read under the lock, after the handlers were resolved: their constructors may have made channels.
            var channels = _channels;
            if (index < channels.Length && channels[index] is { } existing)
            {
                return Unsafe.As<EventChannel<TEvent>>(existing);
            }

            var channel = new EventChannel<TEvent>(this, _telemetry);
            foreach (var handler in sync)
            {
                channel.Add(new Subscription<TEvent>(channel, handler, null, null));
            }

            foreach (var handler in async)
            {
                channel.Add(new Subscription<TEvent>(channel, null, handler, null));
            }

            var grown = index < channels.Length ? (EventChannel?[])channels.Clone() : new EventChannel?[Math.Max(channels.Length * 2, index + 1)];
            if (index >= channels.Length)
            {
                Array.Copy(channels, grown, channels.Length);
            }

            grown[index] = channel;
            _channels = grown;
            return channel;
        }
    }

    private (IEnumerable<IEventHandler<TEvent>> Sync, IEnumerable<IAsyncEventHandler<TEvent>> Async) ResolveContainerHandlers<TEvent>()
    {
        if (_services is null)
        {
            return ([], []);
        }

        var resolving = t_resolving ??= [];
        if (!resolving.Add((this, EventTypeSlot<TEvent>.Index)))
        {
            throw new InvalidOperationException(
                $"A container handler of {EventTypeName<TEvent>.Value} needs the {EventTypeName<TEvent>.Value} channel while it is being made: its constructor publishes, subscribes to or takes a publisher of the event type it handles. Take IEventBus in the constructor and call GetPublisher<{EventTypeName<TEvent>.Value}>() when handling instead.");
        }

        try
        {
            // Materialized here, so every handler is built before the channel is.
            return ([.. _services.GetServices<IEventHandler<TEvent>>()], [.. _services.GetServices<IAsyncEventHandler<TEvent>>()]);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"Resolving the container's IEventHandler<{EventTypeName<TEvent>.Value}> and IAsyncEventHandler<{EventTypeName<TEvent>.Value}> handlers failed: {exception.Message} Fix the handler's registration or constructor; until then every use of {EventTypeName<TEvent>.Value} fails.",
                exception);
        }
        finally
        {
            resolving.Remove((this, EventTypeSlot<TEvent>.Index));
        }
    }
}
