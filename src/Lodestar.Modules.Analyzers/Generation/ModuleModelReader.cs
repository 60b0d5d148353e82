using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Turns a class with <c>[Module]</c> into a <see cref="ModuleModel"/>, or nothing when no manifest
/// can be generated for it: not a concrete module, not reachable from generated code (or
/// <c>[Obsolete(..., true)]</c>, which no generated code may name), or arguments
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
            || !HasBaseType(type, lodestarModule))
        {
            return null;
        }

        var declaration = ModuleDeclaration.Read(type);
        // Without an id and a version no manifest can be created; LODE002/LODE003 say so.
        if (!declaration.IsComplete || declaration.Id is null || declaration.Version is null)
        {
            return null;
        }

        // typeof(T) names the type and every type it is nested in: a deprecation reported under its
        // own id must be silenced by that id, and one that is an error keeps the reflection path.
        var suppressed = new SortedSet<string>(StringComparer.Ordinal);
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (!UsageDiagnostics.TryCollect(current, suppressed))
            {
                return null;
            }
        }

        var canConstruct = CanConstruct(type, suppressed, cancellationToken);

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
            canConstruct,
            new EquatableArray<string>(suppressed));
    }

    /// <summary>
    /// Whether the <c>LodestarModule</c> the type derives from is the one the compilation resolves
    /// (not a second type of the same name), so generated code converts it. <see cref="KnownTypes.IsConcreteModule"/>
    /// has already walked the base types by name; for a class this is what <c>HasImplicitConversion</c>
    /// answered, without classifying a conversion.
    /// </summary>
    private static bool HasBaseType(INamedTypeSymbol type, INamedTypeSymbol baseType)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, baseType))
            {
                return true;
            }
        }

        return false;
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
    /// <remarks>
    /// Asking a source type for its constructors or members builds every member symbol of the type,
    /// in a compilation the generator's caller throws away once the generated code is added. The
    /// usual module (a class without constructors or <c>required</c> members) is recognised from
    /// its syntax; anything else is answered from the symbols.
    /// </remarks>
    private static bool CanConstruct(INamedTypeSymbol type, SortedSet<string> suppressed, CancellationToken cancellationToken)
    {
        if (!HasImplicitConstructorOnly(type, cancellationToken) && !HasUsableParameterlessConstructor(type, suppressed))
        {
            return false;
        }

        // The SDK's base classes have no required members; the module's own classes are checked on
        // their definitions, so no substituted members are built for LodestarModule<TOptions>.
        for (var current = type; current is not null && !KnownTypes.IsInSdkNamespace(current); current = current.BaseType)
        {
            if (MayDeclareRequiredMembers(current.OriginalDefinition, cancellationToken) && DeclaresRequiredMembers(current.OriginalDefinition))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether every declaration of the (concrete) class is a plain class declaration with no
    /// constructor and no primary constructor, so the compiler gives it a public parameterless one.
    /// </summary>
    private static bool HasImplicitConstructorOnly(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return false;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax(cancellationToken) is not ClassDeclarationSyntax { ParameterList: null } declaration)
            {
                return false;
            }

            foreach (var member in declaration.Members)
            {
                if (member is ConstructorDeclarationSyntax)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the type has an assembly-visible parameterless constructor that <c>new T()</c> may name:
    /// not <c>[Obsolete(..., true)]</c>; the ids its deprecation is reported under join <paramref name="suppressed"/>.
    /// </summary>
    private static bool HasUsableParameterlessConstructor(INamedTypeSymbol type, SortedSet<string> suppressed)
    {
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.IsEmpty && IsAssemblyVisible(constructor.DeclaredAccessibility))
            {
                return UsageDiagnostics.TryCollect(constructor, suppressed);
            }
        }

        return false;
    }

    /// <summary>Whether a member of <paramref name="type"/> could be required: always for metadata, and for source only when some member is written with <c>required</c>.</summary>
    private static bool MayDeclareRequiredMembers(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                return true;
            }

            foreach (var member in declaration.Members)
            {
                if (member.Modifiers.Any(SyntaxKind.RequiredKeyword))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool DeclaresRequiredMembers(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAssemblyVisible(Accessibility accessibility) =>
        accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
}
