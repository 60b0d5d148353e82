using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>A dependency edge of the module graph.</summary>
/// <param name="Id">The id depended on.</param>
/// <param name="Optional">Whether the dependency is optional.</param>
/// <param name="Location">Where the id is written (source modules only).</param>
internal sealed record GraphDependency(string Id, bool Optional, Location Location);
