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
    private readonly HashSet<IDisposable> _owned = [];
    private bool _open;

    internal ModuleEvents(EventBus bus, string moduleId)
    {
        _bus = bus;
        ModuleId = moduleId;
    }

    /// <summary>Gets the id of the module these events belong to.</summary>
    public string ModuleId { get; }

    /// <inheritdoc />
    public void Publish<TEvent>(TEvent message) => _bus.PublishCore(message, ModuleId);

    /// <inheritdoc />
    public ValueTask PublishAsync<TEvent>(TEvent message, CancellationToken cancellationToken = default) =>
        _bus.PublishAsyncCore(message, ModuleId, cancellationToken);

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

    /// <summary>Ends every subscription of the module and refuses new ones: it is stopping, failed or disabled.</summary>
    internal void Close()
    {
        IDisposable[] owned;
        lock (_gate)
        {
            _open = false;
            owned = [.. _owned];
            _owned.Clear();
        }

        foreach (var subscription in owned)
        {
            subscription.Dispose();
        }
    }

    internal void Forget(IDisposable subscription)
    {
        lock (_gate)
        {
            _owned.Remove(subscription);
        }
    }

    private IDisposable Own(Func<IDisposable> subscribe, Type eventType)
    {
        lock (_gate)
        {
            if (!_open)
            {
                throw new InvalidOperationException(
                    $"Module '{ModuleId}' subscribed to {eventType.Name} while it is not starting or running. Subscribe in StartAsync or later; the subscription ends when the module stops.");
            }

            var subscription = subscribe();
            _owned.Add(subscription);
            return subscription;
        }
    }
}
