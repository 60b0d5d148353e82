using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.CodeFixes;

/// <summary>Writes an SDK attribute's name the short way when the file imports <c>Lodestar.Modules</c>, fully qualified otherwise.</summary>
internal static class AttributeNames
{
    public static NameSyntax For(SemanticModel semanticModel, int position, string shortName)
    {
        foreach (var symbol in semanticModel.LookupNamespacesAndTypes(position, name: shortName + "Attribute"))
        {
            if (symbol.ToDisplayString() == "Lodestar.Modules." + shortName + "Attribute")
            {
                return SyntaxFactory.IdentifierName(shortName);
            }
        }

        return SyntaxFactory.ParseName("Lodestar.Modules." + shortName);
    }

    /// <summary>Whether <paramref name="attribute"/> binds to the SDK attribute <c>Lodestar.Modules.&lt;shortName&gt;Attribute</c>.</summary>
    public static bool Is(SemanticModel semanticModel, AttributeSyntax attribute, string shortName, CancellationToken cancellationToken) =>
        semanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor
        && constructor.ContainingType.ToDisplayString() == "Lodestar.Modules." + shortName + "Attribute";
}
