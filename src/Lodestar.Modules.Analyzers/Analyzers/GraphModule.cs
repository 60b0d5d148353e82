using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>A module as the graph checks see it: its id, its dependencies and where they are written.</summary>
/// <param name="Id">The module id (valid).</param>
/// <param name="TypeName">The module class, for messages.</param>
/// <param name="IsSource">Whether the module is declared in the compilation (only those get diagnostics).</param>
/// <param name="IdLocation">Where the id is written.</param>
/// <param name="Dependencies">The dependencies with valid ids, the module's own id excluded.</param>
internal sealed record GraphModule(
    string Id,
    string TypeName,
    bool IsSource,
    Location IdLocation,
    ImmutableArray<GraphDependency> Dependencies);
