using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Lodestar.Modules.Analyzers;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: the analyzers and the manifest source generator add less than 15% to the compile time
/// of the 500 modules of <see cref="BenchmarkModules"/>, measured the way a module author pays it:
/// the SDK's own <c>csc</c>, through the compiler server that <c>dotnet build</c> uses, on a
/// response file with and without <c>/analyzer:</c> (the analyzers and the generator ship in one
/// assembly; <c>/skipanalyzers+</c> keeps only the generator, as <c>RunAnalyzers=false</c> does).
/// </summary>
/// <remarks>
/// <para>
/// Why not in memory: <c>CompilationWithAnalyzers</c> (see <see cref="AnalyzerCostBenchmark"/>)
/// binds every method body a second time for any analyzer, which <c>csc</c> does not; it feeds
/// analyzers from its one binding pass. Why the server: a cold <c>csc</c> process JIT-compiles
/// the compiler and the analyzers on every run, which a build through the server pays once per
/// server. Each benchmark case starts its own server (its own pipe name) in its own process; the
/// pilot and warm-up runs warm it, so the compiler's JIT is treated equally on every row, and the
/// measured runs are the warm, repeated builds of an inner loop. Each run also starts one small
/// <c>csc</c> client process, the same on every row.
/// </para>
/// <para>
/// Two baselines, each with its own category and ratios. <c>Bare</c>: no SDK analyzers or generators,
/// references to the runtime's own assemblies; the conservative figure, since the analyzer driver
/// that any analyzer switches on is charged to ours. <c>SdkDefaults</c>: the same compile with the
/// analyzers, generators and analyzer config files <c>dotnet build</c> passes for a plain class
/// library (<see cref="SdkDefaultAnalyzers"/>), which is what a module author's build already pays
/// before ours are added. <c>Allocated</c> is what this process allocates to start the client, not
/// the compiler's memory.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CscAnalyzerCostBenchmark
{
    private const string Bare = "Bare";
    private const string SdkDefaults = "SdkDefaults";

    private SdkCompiler? _compiler;
    private string _directory = string.Empty;
    private string _analyzer = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("lodestar-csc-").FullName;
        _analyzer = typeof(ModuleManifestGenerator).Assembly.Location;
        var arguments = new List<string>
        {
            "-target:library",
            "-nostdlib+",
            "-langversion:latest",
            "-nullable:enable",
            "-deterministic+",
            "-debug+",
            "-debug:portable",
            "-optimize-",
            "-out:" + Path.Combine(_directory, BenchmarkModules.AssemblyName + ".dll"),
        };
        foreach (var reference in BenchmarkModules.ReferencePaths())
        {
            arguments.Add("-reference:\"" + reference + "\"");
        }

        for (var i = 0; i < BenchmarkModules.Count; i++)
        {
            var path = Path.Combine(_directory, BenchmarkModules.FileName(i));
            File.WriteAllText(path, BenchmarkModules.Source(i));
            arguments.Add("\"" + path + "\"");
        }

        File.WriteAllLines(Path.Combine(_directory, "compile.rsp"), arguments);
        _compiler = SdkCompiler.Locate(string.Create(CultureInfo.InvariantCulture, $"lodestar-bench-{Environment.ProcessId}"));
        File.WriteAllLines(
            Path.Combine(_directory, "sdk-defaults.rsp"),
            SdkDefaultAnalyzers.Locate(_compiler, _directory, BenchmarkModules.AssemblyName).Arguments);

        // Fail fast: every variant compiles without a word, and /reportanalyzer proves which of our
        // analyzers and generator, and of the SDK's defaults, really ran (an analyzer that fails to
        // load is only a warning).
        Verify([], generator: false, analyzers: false, sdkDefaults: false);
        Verify(["-analyzer:" + _analyzer, "-skipanalyzers+"], generator: true, analyzers: false, sdkDefaults: false);
        Verify(["-analyzer:" + _analyzer], generator: true, analyzers: true, sdkDefaults: false);
        Verify(["@sdk-defaults.rsp"], generator: false, analyzers: false, sdkDefaults: true);
        Verify(["@sdk-defaults.rsp", "-analyzer:" + _analyzer], generator: true, analyzers: true, sdkDefaults: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiler?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Bare)]
    public int CscWithoutAnalyzers() => Compile("@compile.rsp");

    [Benchmark]
    [BenchmarkCategory(Bare)]
    public int CscWithGenerator() => Compile("@compile.rsp", "-analyzer:" + _analyzer, "-skipanalyzers+");

    [Benchmark]
    [BenchmarkCategory(Bare)]
    public int CscWithAnalyzersAndGenerator() => Compile("@compile.rsp", "-analyzer:" + _analyzer);

    /// <summary>Baseline of what a module author pays: the SDK's default analyzers and generators, without ours.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(SdkDefaults)]
    public int CscWithSdkDefaults() => Compile("@compile.rsp", "@sdk-defaults.rsp");

    /// <summary>The SDK's default analyzers and generators plus ours.</summary>
    [Benchmark]
    [BenchmarkCategory(SdkDefaults)]
    public int CscWithSdkDefaultsAndOurs() => Compile("@compile.rsp", "@sdk-defaults.rsp", "-analyzer:" + _analyzer);

    private int Compile(params string[] arguments)
    {
        var (exitCode, output) = _compiler!.Compile(_directory, arguments);
        return exitCode == 0 ? output.Length : throw new InvalidOperationException($"csc exited with {exitCode}: {output}");
    }

    private void Verify(string[] extra, bool generator, bool analyzers, bool sdkDefaults)
    {
        var (exitCode, output) = _compiler!.Compile(_directory, ["@compile.rsp", "-reportanalyzer", .. extra]);
        var ranGenerator = output.Contains(nameof(ModuleManifestGenerator), StringComparison.Ordinal);
        var ranAnalyzers = output.Contains(nameof(ModuleDeclarationAnalyzer), StringComparison.Ordinal)
            && output.Contains(nameof(ModuleCouplingAnalyzer), StringComparison.Ordinal);
        var sdkAssemblies = SdkDefaultAnalyzers.ReportedAssemblies.Count(name => output.Contains(name + ", Version=", StringComparison.Ordinal));
        if (exitCode != 0
            || output.Contains("warning", StringComparison.OrdinalIgnoreCase)
            || output.Contains("error", StringComparison.OrdinalIgnoreCase)
            || ranGenerator != generator
            || ranAnalyzers != analyzers
            || sdkAssemblies != (sdkDefaults ? SdkDefaultAnalyzers.ReportedAssemblies.Count : 0))
        {
            throw new InvalidOperationException(
                $"csc {string.Join(' ', extra)} (SDK {_compiler.SdkVersion}) did not compile cleanly with generator={generator}, analyzers={analyzers}, SDK defaults={sdkDefaults}; exit code {exitCode}: {output}");
        }
    }
}
