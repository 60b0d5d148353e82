namespace Lodestar.Modules;

/// <summary>
/// The application's in-process event bus: typed publish/subscribe with exact-type dispatch,
/// lock-free publishing and isolated handler failures. Modules reach it through
/// <see cref="ModuleContext.Events"/>, which ties their subscriptions to their lifetime.
/// </summary>
public interface IEventBus : IEventPublisher, IEventSubscriber
{
    /// <summary>Raised after a handler threw (or its task faulted), once the failure was logged and counted.</summary>
    event EventHandler<EventHandlerFailure>? HandlerFailed;
}
