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
/// LODE001: adds <c>[Module("&lt;id&gt;", "1.0.0", Description = "…")]</c> to a module class, the id
/// kebab-cased from the class name without its <c>Module</c> suffix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddModuleAttributeCodeFixProvider))]
[Shared]
public sealed class AddModuleAttributeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.MissingModuleAttribute];

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
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not ClassDeclarationSyntax declaration
                || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Suggestion, out var id) || id is null)
            {
                continue;
            }

            var description = diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Description, out var text) && text is not null ? text : "Module";
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add [Module(\"{id}\", \"{ModuleRules.DefaultVersion}\")]",
                    cancellationToken => AddAsync(context.Document, declaration, id, description, cancellationToken),
                    equivalenceKey: nameof(AddModuleAttributeCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> AddAsync(Document document, ClassDeclarationSyntax declaration, string id, string description, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var semanticModel = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || semanticModel is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.Attribute(
            AttributeNames.For(semanticModel, declaration.SpanStart, "Module"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(
            [
                SyntaxFactory.AttributeArgument(String(id)),
                SyntaxFactory.AttributeArgument(String(ModuleRules.DefaultVersion)),
                SyntaxFactory.AttributeArgument(String(description))
                    .WithNameEquals(SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("Description"))),
            ])));
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute)).NormalizeWhitespace();
        var updated = AttributeInsertion.InsertFirst(declaration, list, AttributeInsertion.EndOfLine(text));
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }

    private static LiteralExpressionSyntax String(string value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));
}
