using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>A module as the graph checks see it: its id, its dependencies and where they are written.</summary>
/// <param name="Id">The module id (valid).</param>
/// <param name="TypeName">The module class, for messages.</param>
/// <param name="IsSource">Whether the module is declared in the compilation's own (not generated) code: only those get diagnostics.</param>
/// <param name="IdLocation">Where the id is written.</param>
/// <param name="Dependencies">The dependencies with valid ids, the module's own id excluded.</param>
internal sealed record GraphModule(
    string Id,
    string TypeName,
    bool IsSource,
    Location IdLocation,
    ImmutableArray<GraphDependency> Dependencies)
{
    /// <summary>
    /// The module <paramref name="type"/> declares, as context for the graph checks (declared in a
    /// reference or in generated code): no locations, so nothing is ever reported on it.
    /// </summary>
    /// <returns>The module, or <see langword="null"/> when <paramref name="type"/> is not a concrete module with a valid id.</returns>
    public static GraphModule? Context(INamedTypeSymbol type)
    {
        if (!KnownTypes.IsConcreteModule(type))
        {
            return null;
        }

        var declaration = ModuleDeclaration.Read(type);
        if (!declaration.HasValidId)
        {
            return null;
        }

        var dependencies = ImmutableArray.CreateBuilder<GraphDependency>();
        foreach (var dependency in declaration.Dependencies)
        {
            if (dependency.IsReadable && ModuleRules.IsValidId(dependency.Id) && dependency.Id != declaration.Id)
            {
                dependencies.Add(new GraphDependency(dependency.Id!, dependency.Optional, Location.None));
            }
        }

        return new GraphModule(declaration.Id!, type.ToDisplayString(), IsSource: false, Location.None, dependencies.ToImmutable());
    }
}
