namespace Lodestar.Modules;

/// <summary>
/// What every subscription has whatever its event type: the module that owns it, which counts the
/// events delivered to it while its channel counts deliveries (see
/// <see cref="EventChannel{TEvent}.CountsDeliveries"/>), for the handler failure rate.
/// </summary>
internal abstract class Subscription : IDisposable
{
    protected Subscription(ModuleEvents? owner) => Owner = owner;

    /// <summary>Gets the module whose context made the subscription, if a module did.</summary>
    public ModuleEvents? Owner { get; }

    /// <summary>Gets the id of the module that owns the subscription, if a module does.</summary>
    public string? OwnerModuleId => Owner?.ModuleId;

    /// <summary>Counts one delivery for the module that owns the subscription, if one does (only owners' rates are watched).</summary>
    public void CountDelivery() => Owner?.CountDelivery();

    public abstract void Dispose();
}
