using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>One <c>[DependsOn]</c> as written.</summary>
/// <param name="Attribute">The attribute.</param>
/// <param name="Id">The id depended on, when <paramref name="IsReadable"/>.</param>
/// <param name="Optional">Whether the dependency is optional.</param>
/// <param name="IsReadable">Whether every argument is a constant of the right type.</param>
internal sealed record DependencyDeclaration(AttributeData Attribute, string? Id, bool Optional, bool IsReadable)
{
    public static DependencyDeclaration Read(AttributeData attribute)
    {
        var readable = AttributeValues.TryGetConstructorString(attribute, 0, out var id);
        var optional = false;
        if (AttributeValues.TryGetNamed(attribute, "Optional", out var value))
        {
            readable &= AttributeValues.TryGetBoolean(value, out optional);
        }

        return new DependencyDeclaration(attribute, id, optional, readable);
    }
}
