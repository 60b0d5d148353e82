using System.Runtime.CompilerServices;

namespace Lodestar.Modules;

/// <summary>
/// A module's view of the event bus (<see cref="ModuleContext.Events"/>). Events published here
/// carry the module's id as their source; subscriptions made here belong to the module and are
/// ended when it stops, fails or is disabled, so no handler of a stopped module runs again.
/// </summary>
public sealed class ModuleEvents : IEventPublisher, IEventSubscriber
{
    private readonly EventBus _bus;
    private readonly Lock _gate = new();
    private readonly HashSet<Subscription> _owned = [];
    private static readonly AsyncLocal<RunOfModule?> s_currentRun = new();
    private bool _open;
    private long _deliveries;
    private long _failures;

    internal ModuleEvents(EventBus bus, string moduleId)
    {
        _bus = bus;
        ModuleId = moduleId;
    }

    /// <summary>Gets the id of the module these events belong to.</summary>
    public string ModuleId { get; }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish<TEvent>(TEvent message) => _bus.PublishCore(message, ModuleId);

    /// <inheritdoc />
    public ValueTask PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) =>
        _bus.PublishAsyncCore(_bus.GetChannel<TEvent>(), message, ModuleId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Events published through it carry this module's id as their source.</remarks>
    public IEventPublisher<TEvent> GetPublisher<TEvent>() => new EventPublisher<TEvent>(_bus.GetChannel<TEvent>(), ModuleId);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The module is not starting or running.</exception>
    public IDisposable Subscribe<TEvent>(IEventHandler<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Own(() => _bus.SubscribeCore(handler, null, this), typeof(TEvent));
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The module is not starting or running.</exception>
    public IDisposable Subscribe<TEvent>(IAsyncEventHandler<TEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Own(() => _bus.SubscribeCore(null, handler, this), typeof(TEvent));
    }

    /// <summary>Lets the module subscribe: it is starting.</summary>
    internal void Open()
    {
        lock (_gate)
        {
            _open = true;
        }
    }

    /// <summary>Begins a run of the module: one start, and everything it goes on to run (see <see cref="EnterRun"/>).</summary>
    internal RunOfModule NewRun() => new(this);

    /// <summary>
    /// Marks the calling flow (a start and everything it goes on to run, such as background loops) as
    /// belonging to <paramref name="run"/>, so that if that start is abandoned, the work it left behind
    /// can no longer subscribe or report for the module (see <see cref="RunOfModule.Abandon"/>).
    /// </summary>
    internal static void EnterRun(RunOfModule run) => s_currentRun.Value = run;

    /// <summary>Clears the calling flow's mark: the runtime's own work (fault handling, restarts, operations) belongs to no run.</summary>
    internal static void LeaveRun() => s_currentRun.Value = null;

    /// <summary>Tells whether the calling flow is the work of an abandoned start of this module (see <see cref="EnterRun"/>).</summary>
    internal bool IsFlowOfAbandonedRun() =>
        s_currentRun.Value is { IsAbandoned: true } flow && ReferenceEquals(flow.Events, this);

    /// <summary>Ends every subscription of the module and refuses new ones: it is stopping, failed or disabled.</summary>
    internal void Close()
    {
        Subscription[] owned;
        lock (_gate)
        {
            _open = false;
            owned = [.. _owned];
        }

        foreach (var subscription in owned)
        {
            subscription.Dispose();
        }
    }

    internal void Forget(Subscription subscription)
    {
        lock (_gate)
        {
            _owned.Remove(subscription);
        }
    }

    /// <summary>
    /// Counts one delivery to one of the module's handlers. The module keeps the total, not each
    /// subscription, so a delivery counted after its subscription ended (a handler that unsubscribed
    /// itself, a stop during a publish) is kept, and the total never goes backwards.
    /// </summary>
    internal void CountDelivery() => Interlocked.Increment(ref _deliveries);

    /// <summary>Counts one failure of one of the module's handlers.</summary>
    internal void CountFailure() => Interlocked.Increment(ref _failures);

    /// <summary>
    /// Gets the deliveries to the module's handlers counted so far (counting starts on a channel at
    /// its first handler failure) and the failures of those handlers, both since the module was registered.
    /// </summary>
    internal (long Delivered, long Failed) HandlerCounts() =>
        (Interlocked.Read(ref _deliveries), Interlocked.Read(ref _failures));

    private Subscription Own(Func<Subscription> subscribe, Type eventType)
    {
        lock (_gate)
        {
            if (!_open)
            {
                throw new InvalidOperationException(
                    $"Module '{ModuleId}' subscribed to {eventType.Name} while it is not starting or running. Subscribe in StartAsync or later; the subscription ends when the module stops.");
            }

            if (IsFlowOfAbandonedRun())
            {
                throw new InvalidOperationException(
                    $"Module '{ModuleId}' subscribed to {eventType.Name} from a start that was abandoned (it overran its timeout or was cancelled). That run's work must end when StartAsync's cancellation token is cancelled.");
            }

            var subscription = subscribe();
            _owned.Add(subscription);
            return subscription;
        }
    }

    /// <summary>The run of a module that a flow of work belongs to.</summary>
    /// <summary>One run of a module (one start), which the runtime marks abandoned when the start overruns its timeout or is cancelled.</summary>
    internal sealed class RunOfModule(ModuleEvents events)
    {
        private volatile bool _abandoned;

        public ModuleEvents Events => events;

        public bool IsAbandoned => _abandoned;

        /// <summary>Records that the start of this run was abandoned.</summary>
        public void Abandon() => _abandoned = true;
    }
}
