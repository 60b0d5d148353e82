namespace Lodestar.Modules;

/// <summary>One row of the lifecycle transition table: in state <paramref name="From"/>, <paramref name="Trigger"/> leads to <paramref name="To"/>.</summary>
/// <param name="From">The state before.</param>
/// <param name="Trigger">What happened.</param>
/// <param name="To">The state after.</param>
public readonly record struct ModuleTransition(ModuleState From, ModuleTrigger Trigger, ModuleState To);
