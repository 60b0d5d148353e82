using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Turns a class with <c>[Module]</c> into a <see cref="ModuleModel"/>, or nothing when no manifest
/// can be generated for it: not a concrete module, not reachable from generated code, or arguments
/// that are not constants yet (the analyzers and the compiler report those).
/// </summary>
internal static class ModuleModelReader
{
    public static ModuleModel? Read(ISymbol symbol, Compilation compilation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (symbol is not INamedTypeSymbol type || !KnownTypes.IsConcreteModule(type) || !IsReachable(type))
        {
            return null;
        }

        // Half-typed declarations (a class without a name, partial parts with conflicting bases)
        // must not turn into generated code that fails to compile.
        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var parsed = SyntaxFactory.ParseTypeName(typeName);
        if (parsed.ContainsDiagnostics || parsed.FullSpan.Length != typeName.Length
            || compilation.GetTypeByMetadataName(KnownTypes.LodestarModuleMetadataName) is not { } lodestarModule
            || !compilation.HasImplicitConversion(type, lodestarModule))
        {
            return null;
        }

        var declaration = ModuleDeclaration.Read(type);
        // Without an id and a version no manifest can be created; LODE002/LODE003 say so.
        if (!declaration.IsComplete || declaration.Id is null || declaration.Version is null)
        {
            return null;
        }

        var dependencies = new List<DependencyModel>(declaration.Dependencies.Length);
        foreach (var dependency in declaration.Dependencies)
        {
            dependencies.Add(new DependencyModel(dependency.Id ?? string.Empty, dependency.Optional));
        }

        var capabilities = new List<CapabilityModel>(declaration.Capabilities.Length);
        foreach (var capability in declaration.Capabilities)
        {
            var requires = new List<string>(capability.Requires.Length);
            foreach (var required in capability.Requires)
            {
                requires.Add(required ?? string.Empty);
            }

            capabilities.Add(new CapabilityModel(capability.Name ?? string.Empty, new EquatableArray<string>(requires)));
        }

        return new ModuleModel(
            typeName,
            type.ToDisplayString(),
            declaration.Id,
            declaration.Version,
            declaration.DescriptionIsSet ? declaration.Description : null,
            new EquatableArray<DependencyModel>(dependencies),
            new EquatableArray<CapabilityModel>(capabilities),
            declaration.HealthCheck.First,
            declaration.HealthCheck.Second,
            declaration.Shutdown.First,
            declaration.Shutdown.Second,
            CanConstruct(type));
    }

    /// <summary>Whether code elsewhere in the assembly can name the type: it and every type it is nested in are public or internal, and not file-local.</summary>
    private static bool IsReachable(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal || !IsAssemblyVisible(current.DeclaredAccessibility))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <c>new T()</c> compiles in generated code: an assembly-visible parameterless constructor and no required members.</summary>
    private static bool CanConstruct(INamedTypeSymbol type)
    {
        var hasConstructor = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && IsAssemblyVisible(constructor.DeclaredAccessibility))
            {
                hasConstructor = true;
                break;
            }
        }

        if (!hasConstructor)
        {
            return false;
        }

        // The SDK's base classes have no required members; the module's own classes are checked on
        // their definitions, so no substituted members are built for LodestarModule<TOptions>.
        for (var current = type; current is not null && !KnownTypes.IsInSdkNamespace(current); current = current.BaseType)
        {
            foreach (var member in current.OriginalDefinition.GetMembers())
            {
                if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsAssemblyVisible(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
}
