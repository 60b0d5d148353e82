using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.CodeFixes;

/// <summary>Finds the string literal a diagnostic underlines and replaces its value.</summary>
internal static class StringLiteralReplacement
{
    /// <summary>The string literal at <paramref name="location"/>: the argument's value, or the literal itself.</summary>
    public static LiteralExpressionSyntax? Find(SyntaxNode root, Location location)
    {
        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var expression = node switch
        {
            AttributeArgumentSyntax argument => argument.Expression,
            ExpressionSyntax value => value,
            _ => null,
        };

        return expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) ? literal : null;
    }

    public static Document Replace(Document document, SyntaxNode root, LiteralExpressionSyntax literal, string value)
    {
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
