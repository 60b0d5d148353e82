namespace Lodestar.Modules;

/// <summary>Tells that one event handler failed: which event, which handler, who published and who owned the handler.</summary>
public sealed class EventHandlerFailure
{
    internal EventHandlerFailure(Type eventType, string handler, string? sourceModuleId, string? ownerModuleId, Exception exception)
    {
        EventType = eventType;
        Handler = handler;
        SourceModuleId = sourceModuleId;
        OwnerModuleId = ownerModuleId;
        Exception = exception;
    }

    /// <summary>Gets the event type.</summary>
    public Type EventType { get; }

    /// <summary>Gets a description of the handler (its type name, or the delegate's method).</summary>
    public string Handler { get; }

    /// <summary>Gets the id of the module that published the event, or <see langword="null"/> when it was not published through a module.</summary>
    public string? SourceModuleId { get; }

    /// <summary>Gets the id of the module that subscribed the handler, or <see langword="null"/> for handlers registered in the container.</summary>
    public string? OwnerModuleId { get; }

    /// <summary>Gets what the handler threw.</summary>
    public Exception Exception { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Handler} failed on {EventType.Name}: {Exception.Message}";
}
