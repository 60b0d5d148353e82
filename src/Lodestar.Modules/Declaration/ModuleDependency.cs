namespace Lodestar.Modules;

/// <summary>A module's dependency on another module, as declared by <see cref="DependsOnAttribute"/>.</summary>
/// <param name="Id">The id of the module depended on.</param>
/// <param name="Optional">Whether the module can run without it.</param>
public sealed record ModuleDependency(string Id, bool Optional);
