using System.Reflection;
using System.Runtime.CompilerServices;
using Lodestar.Modules.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class DescriptorTests
{
    private static readonly DiagnosticDescriptor[] Descriptors =
        [.. AnalyzerRunner.All.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id).OrderBy(d => d.Id, StringComparer.Ordinal)];

    [Fact]
    public void Descriptors_CoverEveryRuleIdentifierOnce()
    {
        var identifiers = typeof(RuleIdentifiers)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(identifiers, Descriptors.Select(d => d.Id));
        Assert.Equal(
            Descriptors.Length,
            AnalyzerRunner.All.SelectMany(a => a.SupportedDiagnostics).Count());
    }

    [Fact]
    public void HelpLinks_PointToAnExistingPageWithAWrongAndARightExample()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.Equal(Rules.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            var page = Path.Combine(RepositoryRoot(), "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(File.Exists(page), $"{descriptor.Id}: {page} is missing.");
            var text = File.ReadAllText(page);
            Assert.StartsWith($"# {descriptor.Id}:", text, StringComparison.Ordinal);
            Assert.Contains("## Wrong", text, StringComparison.Ordinal);
            Assert.Contains("## Right", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReleaseTracking_ListsEveryRuleWithItsCategoryAndSeverity()
    {
        var directory = Path.Combine(RepositoryRoot(), "src", "Lodestar.Modules.Analyzers");
        var lines = File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(directory, "AnalyzerReleases.Unshipped.md")))
            .Where(line => line.StartsWith("LODE", StringComparison.Ordinal))
            .ToList();

        foreach (var descriptor in Descriptors)
        {
            var line = Assert.Single(lines, l => l.StartsWith(descriptor.Id + " ", StringComparison.Ordinal));
            Assert.Contains($"| {descriptor.Category} | {descriptor.DefaultSeverity} |", line, StringComparison.Ordinal);
        }

        Assert.Equal(Descriptors.Length, lines.Count);
    }

    [Fact]
    public void GraphRules_AreTaggedCompilationEnd()
    {
        string[] graphRules = [RuleIdentifiers.DuplicateId, RuleIdentifiers.UnknownDependency, RuleIdentifiers.DependencyCycle];

        foreach (var descriptor in Descriptors)
        {
            Assert.Equal(graphRules.Contains(descriptor.Id), descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd));
        }
    }

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        for (var directory = Path.GetDirectoryName(sourceFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Lodestar.Modules.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("The repository root (Lodestar.Modules.sln) was not found above " + sourceFile);
    }
}
