namespace Lodestar.Modules.Analyzers;

/// <summary>The module attributes the analyzers and the generator read.</summary>
internal enum AttributeKind
{
    None,
    Module,
    DependsOn,
    Capability,
    HealthCheck,
    Shutdown,
}
