using System.Globalization;
using BenchmarkDotNet.Attributes;
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
/// The compile is bare: no SDK analyzers or generators, references to the runtime's own assemblies.
/// A real <c>dotnet build</c> also runs the SDK's default analyzers and generators, so its compile
/// time is longer and our share of it smaller; the ratio here is the conservative one.
/// <c>Allocated</c> is what this process allocates to start the client, not the compiler's memory.
/// </para>
/// </remarks>
[MemoryDiagnoser]
public class CscAnalyzerCostBenchmark
{
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

        // Fail fast: every variant compiles without a word, and /reportanalyzer proves which of our
        // analyzers and generator really ran (an analyzer that fails to load is only a warning).
        Verify([], generator: false, analyzers: false);
        Verify(["-analyzer:" + _analyzer, "-skipanalyzers+"], generator: true, analyzers: false);
        Verify(["-analyzer:" + _analyzer], generator: true, analyzers: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiler?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int CscWithoutAnalyzers() => Compile("@compile.rsp");

    [Benchmark]
    public int CscWithGenerator() => Compile("@compile.rsp", "-analyzer:" + _analyzer, "-skipanalyzers+");

    [Benchmark]
    public int CscWithAnalyzersAndGenerator() => Compile("@compile.rsp", "-analyzer:" + _analyzer);

    private int Compile(params string[] arguments)
    {
        var (exitCode, output) = _compiler!.Compile(_directory, arguments);
        return exitCode == 0 ? output.Length : throw new InvalidOperationException($"csc exited with {exitCode}: {output}");
    }

    private void Verify(string[] extra, bool generator, bool analyzers)
    {
        var (exitCode, output) = _compiler!.Compile(_directory, ["@compile.rsp", "-reportanalyzer", .. extra]);
        var ranGenerator = output.Contains(nameof(ModuleManifestGenerator), StringComparison.Ordinal);
        var ranAnalyzers = output.Contains(nameof(ModuleDeclarationAnalyzer), StringComparison.Ordinal)
            && output.Contains(nameof(ModuleCouplingAnalyzer), StringComparison.Ordinal);
        if (exitCode != 0
            || output.Contains("warning", StringComparison.OrdinalIgnoreCase)
            || output.Contains("error", StringComparison.OrdinalIgnoreCase)
            || ranGenerator != generator
            || ranAnalyzers != analyzers)
        {
            throw new InvalidOperationException(
                $"csc {string.Join(' ', extra)} (SDK {_compiler.SdkVersion}) did not compile cleanly with generator={generator}, analyzers={analyzers}; exit code {exitCode}: {output}");
        }
    }
}
