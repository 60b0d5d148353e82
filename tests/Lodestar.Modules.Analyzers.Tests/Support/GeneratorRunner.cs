using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>Runs <see cref="ModuleManifestGenerator"/> with step tracking on, and fails if it throws.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new ModuleManifestGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static (GeneratorDriver Driver, Compilation Output, GeneratorRunResult Result) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = Assert.Single(driver.GetRunResult().Results);
        Assert.Null(result.Exception);
        Assert.Empty(diagnostics);
        return (driver, output, result);
    }

    /// <summary>The generated source, with the generator's assembly version replaced so snapshots survive a version bump.</summary>
    public static string GeneratedText(GeneratorRunResult result)
    {
        var source = Assert.Single(result.GeneratedSources);
        var version = typeof(ModuleManifestGenerator).Assembly.GetName().Version!.ToString();
        return source.SourceText.ToString().Replace($"\"{version}\"", "\"{version}\"", StringComparison.Ordinal);
    }
}
