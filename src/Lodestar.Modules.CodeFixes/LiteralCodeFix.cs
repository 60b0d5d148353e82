using Lodestar.Modules.Analyzers;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Lodestar.Modules.CodeFixes;

/// <summary>The shared body of the fixes that replace an underlined string literal with the diagnostic's suggestion.</summary>
internal static class LiteralCodeFix
{
    public static async Task RegisterAsync(CodeFixContext context, Func<string, string> title, string equivalenceKey)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Suggestion, out var suggestion) || suggestion is null
                || StringLiteralReplacement.Find(root, diagnostic.Location) is not { } literal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    title(suggestion),
                    _ => Task.FromResult(StringLiteralReplacement.Replace(context.Document, root, literal, suggestion)),
                    equivalenceKey),
                diagnostic);
        }
    }
}
