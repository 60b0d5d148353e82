using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

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
/// <para>
/// The modules, response files, server and checks are <see cref="CscModulesWorkspace"/>'s, the
/// arguments of each row <see cref="CscVariant"/>'s; <see cref="PairedAnalyzerCostCheck"/> compiles
/// the same variants on one server, interleaved within rounds, for a machine too loaded for this.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class CscAnalyzerCostBenchmark
{
    private const string Bare = "Bare";
    private const string SdkDefaults = "SdkDefaults";

    private CscModulesWorkspace? _workspace;

    /// <summary>Writes the modules and response files, starts this case's compiler server and checks every variant (<see cref="CscModulesWorkspace.Create"/>).</summary>
    [GlobalSetup]
    public void Setup() =>
        _workspace = CscModulesWorkspace.Create(string.Create(CultureInfo.InvariantCulture, $"lodestar-bench-{Environment.ProcessId}"));

    [GlobalCleanup]
    public void Cleanup() => _workspace?.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Bare)]
    public int CscWithoutAnalyzers() => Compile(CscVariant.Bare);

    [Benchmark]
    [BenchmarkCategory(Bare)]
    public int CscWithGenerator() => Compile(CscVariant.BareWithGenerator);

    [Benchmark]
    [BenchmarkCategory(Bare)]
    public int CscWithAnalyzersAndGenerator() => Compile(CscVariant.BareWithOurs);

    /// <summary>Baseline of what a module author pays: the SDK's default analyzers and generators, without ours.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(SdkDefaults)]
    public int CscWithSdkDefaults() => Compile(CscVariant.SdkDefaults);

    /// <summary>The SDK's default analyzers and generators plus ours.</summary>
    [Benchmark]
    [BenchmarkCategory(SdkDefaults)]
    public int CscWithSdkDefaultsAndOurs() => Compile(CscVariant.SdkDefaultsWithOurs);

    private int Compile(CscVariant variant)
    {
        var (exitCode, output) = _workspace!.Compile(variant);
        return exitCode == 0 ? output.Length : throw new InvalidOperationException($"csc ({variant}) exited with {exitCode}: {output}");
    }
}
