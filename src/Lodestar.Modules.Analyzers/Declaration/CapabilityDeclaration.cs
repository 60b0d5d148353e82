using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>One <c>[Capability]</c> as written.</summary>
/// <param name="Attribute">The attribute.</param>
/// <param name="Name">The capability name, when readable.</param>
/// <param name="Requires">The ids the capability requires (empty when unreadable).</param>
/// <param name="IsReadable">Whether every argument is a constant of the right type.</param>
internal sealed record CapabilityDeclaration(AttributeData Attribute, string? Name, ImmutableArray<string?> Requires, bool IsReadable)
{
    public static CapabilityDeclaration Read(AttributeData attribute)
    {
        var readable = AttributeValues.TryGetConstructorString(attribute, 0, out var name);
        var requires = ImmutableArray<string?>.Empty;
        if (AttributeValues.TryGetNamed(attribute, "Requires", out var value))
        {
            readable &= AttributeValues.TryGetStringArray(value, out requires);
        }

        return new CapabilityDeclaration(attribute, name, requires, readable);
    }
}
