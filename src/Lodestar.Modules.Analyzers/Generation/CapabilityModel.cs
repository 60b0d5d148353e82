namespace Lodestar.Modules.Analyzers;

/// <summary>A <c>[Capability]</c> in a generated manifest.</summary>
/// <param name="Name">The capability name.</param>
/// <param name="Requires">The ids it requires.</param>
internal sealed record CapabilityModel(string Name, EquatableArray<string> Requires);
