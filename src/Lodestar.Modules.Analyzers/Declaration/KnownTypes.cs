using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Recognises the SDK's types by name (namespace <c>Lodestar.Modules</c>), the way
/// <c>ForAttributeWithMetadataName</c> does, so no symbol has to be looked up per compilation.
/// </summary>
internal static class KnownTypes
{
    public const string Namespace = "Lodestar.Modules";
    public const string AssemblyName = "Lodestar.Modules";
    public const string LodestarModuleMetadataName = "Lodestar.Modules.LodestarModule";
    public const string ModuleAttributeMetadataName = "Lodestar.Modules.ModuleAttribute";
    public const string RegistryMetadataName = "Lodestar.Modules.GeneratedModuleManifests";
    public const string ModuleInitializerMetadataName = "System.Runtime.CompilerServices.ModuleInitializerAttribute";

    public static AttributeKind Classify(INamedTypeSymbol? attributeClass)
    {
        if (attributeClass is null || attributeClass.ContainingType is not null || !IsInSdkNamespace(attributeClass))
        {
            return AttributeKind.None;
        }

        return attributeClass.Name switch
        {
            "ModuleAttribute" => AttributeKind.Module,
            "DependsOnAttribute" => AttributeKind.DependsOn,
            "CapabilityAttribute" => AttributeKind.Capability,
            "HealthCheckAttribute" => AttributeKind.HealthCheck,
            "ShutdownAttribute" => AttributeKind.Shutdown,
            _ => AttributeKind.None,
        };
    }

    /// <summary>Whether <paramref name="type"/> is <c>LodestarModule</c> itself.</summary>
    public static bool IsLodestarModule(INamedTypeSymbol type) =>
        type is { Name: "LodestarModule", Arity: 0, ContainingType: null } && IsInSdkNamespace(type);

    /// <summary>Whether <paramref name="type"/> derives, directly or not, from <c>LodestarModule</c>.</summary>
    public static bool DerivesFromLodestarModule(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsLodestarModule(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> or a type it is nested in is generic.</summary>
    public static bool IsGeneric(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.Arity > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is a class the runtime can register: concrete, non-generic, deriving from <c>LodestarModule</c>.</summary>
    public static bool IsConcreteModule(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Class && !type.IsAbstract && !type.IsStatic && !IsGeneric(type) && DerivesFromLodestarModule(type);

    /// <summary>Whether <paramref name="assembly"/> references the SDK, so it can declare modules.</summary>
    public static bool ReferencesSdk(IAssemblySymbol assembly)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var reference in module.ReferencedAssemblies)
            {
                if (reference.Name == AssemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> is declared in the SDK's namespace <c>Lodestar.Modules</c>.</summary>
    public static bool IsInSdkNamespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { Name: "Modules" } modules
        && modules.ContainingNamespace is { Name: "Lodestar" } lodestar
        && lodestar.ContainingNamespace is { IsGlobalNamespace: true };
}
