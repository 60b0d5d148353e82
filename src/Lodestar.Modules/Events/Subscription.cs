namespace Lodestar.Modules;

/// <summary>
/// What every subscription has whatever its event type: the module that owns it, and how many
/// events were delivered to it while its channel counts deliveries (see
/// <see cref="EventChannel{TEvent}.CountsDeliveries"/>), for the handler failure rate.
/// </summary>
internal abstract class Subscription : IDisposable
{
    private long _delivered;

    protected Subscription(ModuleEvents? owner) => Owner = owner;

    /// <summary>Gets the module whose context made the subscription, if a module did.</summary>
    public ModuleEvents? Owner { get; }

    /// <summary>Gets the id of the module that owns the subscription, if a module does.</summary>
    public string? OwnerModuleId => Owner?.ModuleId;

    /// <summary>Gets the deliveries counted so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Counts one delivery, when a module owns the subscription (only owners' rates are watched).</summary>
    public void CountDelivery()
    {
        if (Owner is not null)
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    public abstract void Dispose();
}
