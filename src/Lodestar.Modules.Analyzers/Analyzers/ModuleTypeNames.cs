using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The simple names of every concrete module class the compilation can see (its own and its
/// references'). LODE011 binds an identifier only when its text is one of these names, so a module's
/// method bodies are never bound just to learn that they reference no other module.
/// </summary>
internal sealed class ModuleTypeNames
{
    private readonly HashSet<string> _names;

    private ModuleTypeNames(HashSet<string> names) => _names = names;

    public bool Contains(string name) => _names.Contains(name);

    public static ModuleTypeNames Create(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(compilation.Assembly.GlobalNamespace, names, cancellationToken);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (assembly.Name != KnownTypes.AssemblyName && KnownTypes.ReferencesSdk(assembly))
            {
                Visit(assembly.GlobalNamespace, names, cancellationToken);
            }
        }

        return new ModuleTypeNames(names);
    }

    private static void Visit(INamespaceOrTypeSymbol container, HashSet<string> names, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol @namespace)
            {
                Visit(@namespace, names, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                if (KnownTypes.IsConcreteModule(type))
                {
                    names.Add(type.Name);
                }

                Visit(type, names, cancellationToken);
            }
        }
    }
}
