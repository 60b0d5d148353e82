using System.Collections.Immutable;

namespace Lodestar.Modules.Analyzers;

/// <summary>Everything one generated file is made from: the assembly and its modules, sorted by type name.</summary>
/// <param name="Facts">The compilation facts.</param>
/// <param name="Modules">The modules, each type once, sorted by type name.</param>
internal sealed record GenerationModel(CompilationFacts Facts, EquatableArray<ModuleModel> Modules)
{
    public static GenerationModel Create(ImmutableArray<ModuleModel> modules, CompilationFacts facts)
    {
        var unique = new SortedDictionary<string, ModuleModel>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            // A [Module] on two partial declarations is a compiler error; generate the type once anyway.
            if (!unique.ContainsKey(module.TypeName))
            {
                unique.Add(module.TypeName, module);
            }
        }

        return new GenerationModel(facts, new EquatableArray<ModuleModel>(unique.Values));
    }
}
