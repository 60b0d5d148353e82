using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Lodestar.Modules.CodeFixes;

/// <summary>
/// Writes an SDK attribute's name the short way when that binds to the SDK's attribute alone,
/// <c>global::</c>-qualified otherwise (for the IDE to shorten where that is safe).
/// </summary>
internal static class AttributeNames
{
    public static NameSyntax For(SemanticModel semanticModel, int position, string shortName)
    {
        // [Module] binds to Module or ModuleAttribute: the short name is safe only when nothing is named
        // Module and ModuleAttribute is the SDK's alone. Another imported ModuleAttribute makes it
        // ambiguous (CS0104).
        var candidates = semanticModel.LookupNamespacesAndTypes(position, name: shortName + "Attribute");
        if (candidates.Length == 1
            && candidates[0].ToDisplayString() == "Lodestar.Modules." + shortName + "Attribute"
            && semanticModel.LookupNamespacesAndTypes(position, name: shortName).IsEmpty)
        {
            return SyntaxFactory.IdentifierName(shortName);
        }

        // global::, because "Lodestar" may bind to a nearer namespace (Acme.Lodestar.Billing), not the SDK's.
        return SyntaxFactory.ParseName("global::Lodestar.Modules." + shortName).WithAdditionalAnnotations(Simplifier.Annotation);
    }

    /// <summary>Whether <paramref name="attribute"/> binds to the SDK attribute <c>Lodestar.Modules.&lt;shortName&gt;Attribute</c>.</summary>
    public static bool Is(SemanticModel semanticModel, AttributeSyntax attribute, string shortName, CancellationToken cancellationToken) =>
        semanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor
        && constructor.ContainingType.ToDisplayString() == "Lodestar.Modules." + shortName + "Attribute";
}
