namespace Lodestar.Modules;

/// <summary>The modules registered on one service collection, in registration order. Kept as a singleton so the runtime finds them.</summary>
internal sealed class ModuleRegistry
{
    public List<ModuleRegistration> Registrations { get; } = [];
}
