using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// A type's module attributes as written, read once and shared by the analyzers and the generator.
/// Every value comes with whether it could be read: half-typed code reads as unreadable, not as a
/// crash or a wrong diagnostic.
/// </summary>
internal sealed class ModuleDeclaration
{
    private ModuleDeclaration(INamedTypeSymbol type)
    {
        Type = type;
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>Gets every <c>[Module]</c> on the type (more than one is a compiler error).</summary>
    public ImmutableArray<AttributeData> ModuleAttributes { get; private set; } = ImmutableArray<AttributeData>.Empty;

    public AttributeData? Module => ModuleAttributes.IsEmpty ? null : ModuleAttributes[0];

    public string? Id { get; private set; }

    public bool IdIsReadable { get; private set; }

    public string? Version { get; private set; }

    public bool VersionIsReadable { get; private set; }

    public string? Description { get; private set; }

    public bool DescriptionIsSet { get; private set; }

    public bool DescriptionIsReadable { get; private set; } = true;

    public ImmutableArray<DependencyDeclaration> Dependencies { get; private set; } = ImmutableArray<DependencyDeclaration>.Empty;

    public ImmutableArray<CapabilityDeclaration> Capabilities { get; private set; } = ImmutableArray<CapabilityDeclaration>.Empty;

    public TimeoutDeclaration HealthCheck { get; private set; } = TimeoutDeclaration.Absent(
        DeclarationDefaults.HealthCheckIntervalSeconds, DeclarationDefaults.HealthCheckTimeoutSeconds);

    public TimeoutDeclaration Shutdown { get; private set; } = TimeoutDeclaration.Absent(
        DeclarationDefaults.GracefulStopSeconds, DeclarationDefaults.ForceStopSeconds);

    /// <summary>Gets whether the id is readable and valid, so the module can take part in the graph checks (matched once, when read).</summary>
    public bool HasValidId { get; private set; }

    /// <summary>Gets whether every value of every module attribute could be read, so a manifest can be generated.</summary>
    public bool IsComplete
    {
        get
        {
            if (ModuleAttributes.Length != 1 || !IdIsReadable || !VersionIsReadable || !DescriptionIsReadable
                || !HealthCheck.IsReadable || !Shutdown.IsReadable)
            {
                return false;
            }

            foreach (var dependency in Dependencies)
            {
                if (!dependency.IsReadable)
                {
                    return false;
                }
            }

            foreach (var capability in Capabilities)
            {
                if (!capability.IsReadable)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Whether <paramref name="type"/> carries a <c>[Module]</c>, without reading any attribute's arguments.</summary>
    public static bool HasModuleAttribute(INamedTypeSymbol type)
    {
        foreach (var attribute in type.GetAttributes())
        {
            if (KnownTypes.Classify(attribute.AttributeClass) == AttributeKind.Module)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the module attributes of <paramref name="type"/> (of every partial declaration).</summary>
    public static ModuleDeclaration Read(INamedTypeSymbol type)
    {
        var declaration = new ModuleDeclaration(type);
        ImmutableArray<AttributeData>.Builder? modules = null;
        ImmutableArray<DependencyDeclaration>.Builder? dependencies = null;
        ImmutableArray<CapabilityDeclaration>.Builder? capabilities = null;
        foreach (var attribute in type.GetAttributes())
        {
            switch (KnownTypes.Classify(attribute.AttributeClass))
            {
                case AttributeKind.Module:
                    (modules ??= ImmutableArray.CreateBuilder<AttributeData>()).Add(attribute);
                    break;
                case AttributeKind.DependsOn:
                    (dependencies ??= ImmutableArray.CreateBuilder<DependencyDeclaration>()).Add(DependencyDeclaration.Read(attribute));
                    break;
                case AttributeKind.Capability:
                    (capabilities ??= ImmutableArray.CreateBuilder<CapabilityDeclaration>()).Add(CapabilityDeclaration.Read(attribute));
                    break;
                case AttributeKind.HealthCheck:
                    declaration.HealthCheck = TimeoutDeclaration.Read(
                        attribute, "IntervalSeconds", DeclarationDefaults.HealthCheckIntervalSeconds, "TimeoutSeconds", DeclarationDefaults.HealthCheckTimeoutSeconds);
                    break;
                case AttributeKind.Shutdown:
                    declaration.Shutdown = TimeoutDeclaration.Read(
                        attribute, "GracefulSeconds", DeclarationDefaults.GracefulStopSeconds, "ForceSeconds", DeclarationDefaults.ForceStopSeconds);
                    break;
            }
        }

        if (modules is not null)
        {
            declaration.ModuleAttributes = modules.ToImmutable();
            declaration.ReadModule(modules[0]);
        }

        declaration.Dependencies = dependencies?.ToImmutable() ?? ImmutableArray<DependencyDeclaration>.Empty;
        declaration.Capabilities = capabilities?.ToImmutable() ?? ImmutableArray<CapabilityDeclaration>.Empty;
        return declaration;
    }

    private void ReadModule(AttributeData module)
    {
        IdIsReadable = AttributeValues.TryGetConstructorString(module, 0, out var id);
        Id = id;
        HasValidId = IdIsReadable && ModuleRules.IsValidId(id);
        VersionIsReadable = AttributeValues.TryGetConstructorString(module, 1, out var version);
        Version = version;
        if (AttributeValues.TryGetNamed(module, "Description", out var description))
        {
            DescriptionIsSet = true;
            DescriptionIsReadable = AttributeValues.TryGetString(description, out var text);
            Description = text;
        }
    }
}
