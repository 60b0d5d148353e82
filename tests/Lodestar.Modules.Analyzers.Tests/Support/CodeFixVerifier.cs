using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>
/// Applies a code fix the way the IDE does: the document lives in an <see cref="AdhocWorkspace"/>,
/// the analyzers report the diagnostic marked <c>[| |]</c>, the fix registers one action, and its
/// changed solution is compared with the expected source. The fixed source must no longer have the diagnostic.
/// </summary>
internal static class CodeFixVerifier
{
    public static async Task VerifyAsync(CodeFixProvider fix, string diagnosticId, string markup, string expected, string? expectedTitle = null)
    {
        var parsed = Markup.Parse(markup);
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, parsed.Source);

        var diagnostics = await DiagnosticsAsync(document, diagnosticId);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(Assert.Single(parsed.Spans).Span, diagnostic.Location.SourceSpan);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        if (expectedTitle is not null)
        {
            Assert.Equal(expectedTitle, action.Title);
        }

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution.GetDocument(document.Id)!;
        var actual = (await changed.GetTextAsync()).ToString();
        Assert.Equal(expected, actual);

        Assert.Empty(await DiagnosticsAsync(changed, diagnosticId));
    }

    /// <summary>Checks that the fix offers nothing for the marked diagnostic (e.g. the value is not a literal it can rewrite).</summary>
    public static async Task VerifyNoFixAsync(CodeFixProvider fix, string diagnosticId, string markup)
    {
        var parsed = Markup.Parse(markup);
        using var workspace = new AdhocWorkspace();
        var document = AddDocument(workspace, parsed.Source);
        var diagnostic = Assert.Single(await DiagnosticsAsync(document, diagnosticId));

        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));

        Assert.Empty(actions);
    }

    private static Document AddDocument(AdhocWorkspace workspace, string source)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "TestModules",
                "TestModules",
                LanguageNames.CSharp,
                compilationOptions: TestCompilation.Options,
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(documentId, "Test.cs", SourceText.From(source), filePath: "/src/Test.cs");
        Assert.True(workspace.TryApplyChanges(solution));
        return workspace.CurrentSolution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, string diagnosticId)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        TestCompilation.AssertNoCompilerErrors(compilation);
        var diagnostics = await AnalyzerRunner.RunAsync(compilation);
        return [.. diagnostics.Where(d => d.Id == diagnosticId)];
    }
}
