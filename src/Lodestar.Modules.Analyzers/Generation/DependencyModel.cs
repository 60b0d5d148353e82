namespace Lodestar.Modules.Analyzers;

/// <summary>A <c>[DependsOn]</c> in a generated manifest.</summary>
/// <param name="Id">The id depended on.</param>
/// <param name="Optional">Whether the dependency is optional.</param>
internal sealed record DependencyModel(string Id, bool Optional);
