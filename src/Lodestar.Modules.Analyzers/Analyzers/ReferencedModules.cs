using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The modules declared in the compilation's references: every concrete module class with a
/// <c>[Module]</c> in an assembly that references the SDK. Read once per compilation, at its end.
/// </summary>
internal static class ReferencedModules
{
    public static List<GraphModule> Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var modules = new List<GraphModule>();
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (assembly.Name == KnownTypes.AssemblyName || !KnownTypes.ReferencesSdk(assembly))
            {
                continue;
            }

            Visit(assembly.GlobalNamespace, modules, cancellationToken);
        }

        return modules;
    }

    private static void Visit(INamespaceSymbol @namespace, List<GraphModule> modules, CancellationToken cancellationToken)
    {
        foreach (var member in @namespace.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                Visit(child, modules, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                Visit(type, modules, cancellationToken);
            }
        }
    }

    private static void Visit(INamedTypeSymbol type, List<GraphModule> modules, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (GraphModule.Context(type) is { } module)
        {
            modules.Add(module);
        }

        foreach (var nested in type.GetTypeMembers())
        {
            Visit(nested, modules, cancellationToken);
        }
    }
}
