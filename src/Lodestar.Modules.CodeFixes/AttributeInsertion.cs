using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Lodestar.Modules.CodeFixes;

/// <summary>
/// Inserts an attribute list on its own line into a class declaration, keeping the declaration's
/// documentation comment above all its attributes and the indentation of its neighbours.
/// </summary>
internal static class AttributeInsertion
{
    /// <summary>Inserts <paramref name="list"/> as the declaration's first attribute list.</summary>
    public static TypeDeclarationSyntax InsertFirst(TypeDeclarationSyntax declaration, AttributeListSyntax list, SyntaxTrivia endOfLine)
    {
        var leading = declaration.GetLeadingTrivia();
        var stripped = declaration.WithLeadingTrivia(Indentation(leading));
        return stripped.WithAttributeLists(stripped.AttributeLists.Insert(0, list.WithLeadingTrivia(leading).WithTrailingTrivia(endOfLine)));
    }

    /// <summary>Inserts <paramref name="list"/> on the line after <paramref name="anchor"/>, one of the declaration's attribute lists.</summary>
    public static TypeDeclarationSyntax InsertAfter(TypeDeclarationSyntax declaration, AttributeListSyntax anchor, AttributeListSyntax list, SyntaxTrivia endOfLine)
    {
        var index = declaration.AttributeLists.IndexOf(anchor);
        if (index < 0)
        {
            return InsertFirst(declaration, list, endOfLine);
        }

        var inserted = list.WithLeadingTrivia(Indentation(anchor.GetLeadingTrivia())).WithTrailingTrivia(endOfLine);
        return declaration.WithAttributeLists(declaration.AttributeLists.Insert(index + 1, inserted));
    }

    /// <summary>The document's line break: the first one it uses, or a line feed.</summary>
    public static SyntaxTrivia EndOfLine(SourceText text)
    {
        foreach (var line in text.Lines)
        {
            var breakLength = line.EndIncludingLineBreak - line.End;
            if (breakLength > 0)
            {
                return SyntaxFactory.EndOfLine(text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)));
            }
        }

        return SyntaxFactory.EndOfLine("\n");
    }

    /// <summary>The whitespace that indents the line the trivia ends on.</summary>
    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading) =>
        leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
            ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
            : SyntaxFactory.TriviaList();
}
