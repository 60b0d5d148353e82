using System.Collections.Immutable;
using System.Composition;
using Lodestar.Modules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.CodeFixes;

/// <summary>
/// LODE009: declares the id a capability requires with <c>[DependsOn("&lt;id&gt;", Optional = true)]</c>,
/// on the line after the class's last <c>[DependsOn]</c> (or after its <c>[Module]</c>). Not offered
/// when the id is the module's own (the diagnostic then suggests no id): that would be a self-dependency (LODE008).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOptionalDependencyCodeFixProvider))]
[Shared]
public sealed class AddOptionalDependencyCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.UndeclaredCapabilityDependency];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var attribute = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.Parent?.Parent is not TypeDeclarationSyntax declaration
                || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Suggestion, out var id) || string.IsNullOrEmpty(id))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [DependsOn(\"{id}\", Optional = true)]",
                    cancellationToken => AddAsync(context.Document, declaration, id!, cancellationToken),
                    equivalenceKey: nameof(AddOptionalDependencyCodeFixProvider) + ":" + id),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, TypeDeclarationSyntax declaration, string id, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        AttributeListSyntax? anchor = null;
        foreach (var list in declaration.AttributeLists)
        {
            foreach (var existing in list.Attributes)
            {
                if (AttributeNames.Is(semanticModel, existing, "DependsOn", cancellationToken)
                    || (anchor is null && AttributeNames.Is(semanticModel, existing, "Module", cancellationToken)))
                {
                    anchor = list;
                }
            }
        }

        var attribute = SyntaxFactory.Attribute(
            AttributeNames.For(semanticModel, declaration.SpanStart, "DependsOn"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(
            [
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(id))),
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression))
                    .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Optional"))),
            ])));
        var inserted = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).NormalizeWhitespace();
        var endOfLine = AttributeInsertion.EndOfLine(text);
        var updated = anchor is null
            ? AttributeInsertion.InsertFirst(declaration, inserted, endOfLine)
            : AttributeInsertion.InsertAfter(declaration, anchor, inserted, endOfLine);
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }
}
