namespace Lodestar.Modules;

/// <summary>Tells that a module changed state: which module, from where to where, why, and when.</summary>
/// <param name="ModuleId">The module's id.</param>
/// <param name="Previous">The state before.</param>
/// <param name="Current">The state after.</param>
/// <param name="Trigger">What caused the change.</param>
/// <param name="Reason">A human-readable reason, e.g. the missing dependencies or the error; <see langword="null"/> when there is nothing to add.</param>
/// <param name="Timestamp">When the change happened, from the runtime's <see cref="TimeProvider"/>.</param>
public sealed record ModuleStateChanged(
    string ModuleId,
    ModuleState Previous,
    ModuleState Current,
    ModuleTrigger Trigger,
    string? Reason,
    DateTimeOffset Timestamp);
