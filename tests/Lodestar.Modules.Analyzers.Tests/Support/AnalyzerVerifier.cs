using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>
/// Checks that the analyzers report exactly the diagnostics marked in a test source: every
/// <c>LODE</c> diagnostic, its id and its span, nothing more and nothing less.
/// </summary>
internal static class AnalyzerVerifier
{
    public static Task VerifyAsync(string markup, string defaultId) => VerifyAsync(markup, defaultId, []);

    public static Task VerifyAsync(string markup, string defaultId, IEnumerable<MetadataReference> references) =>
        VerifyAsync(markup, defaultId, references, []);

    /// <summary>
    /// Verifies <paramref name="markup"/> compiled together with <paramref name="otherFiles"/>, which
    /// carry no markup: any diagnostic reported in them is unexpected.
    /// </summary>
    public static async Task VerifyAsync(string markup, string defaultId, IEnumerable<MetadataReference> references, IEnumerable<string> otherFiles)
    {
        var parsed = Markup.Parse(markup);
        var compilation = TestCompilation.Create("TestModules", [parsed.Source, .. otherFiles], references);
        TestCompilation.AssertNoCompilerErrors(compilation);
        var marked = compilation.SyntaxTrees.First();

        var diagnostics = await AnalyzerRunner.RunAsync(compilation);

        var expected = parsed.Spans
            .Select(s => $"{s.Id ?? defaultId} {s.Span} '{parsed.Source[s.Span.Start..s.Span.End]}'")
            .Order(StringComparer.Ordinal)
            .ToList();
        var actual = diagnostics
            .Where(d => d.Id.StartsWith("LODE", StringComparison.Ordinal))
            .Select(d => d.Location.SourceTree == marked
                ? $"{d.Id} {d.Location.SourceSpan} '{parsed.Source[d.Location.SourceSpan.Start..d.Location.SourceSpan.End]}'"
                : $"{d.Id} {d.Location.GetLineSpan()}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"Expected:\n  {string.Join("\n  ", expected)}\nActual:\n  {string.Join("\n  ", actual)}\nMessages:\n  {string.Join("\n  ", diagnostics.Select(d => d.ToString()))}");
    }
}
