using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Lodestar.Modules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: the analyzers and the manifest source generator add less than 15% to the compile time
/// of an assembly of 500 modules, each in its own file with options, attributes, dependencies,
/// capabilities and method bodies. Every method parses, computes all diagnostics and emits.
/// </summary>
/// <remarks>
/// The generator runs cold, before the compile, as in a command-line build, and its generated code
/// is compiled too. The analyzers run through <see cref="CompilationWithAnalyzers"/>, the only
/// public way to run them in memory; unlike <c>csc</c>, which feeds analyzers from its one binding
/// pass, it binds every method body again for any analyzer at all. <see cref="CompileWithNoOpAnalyzerAndGenerator"/>
/// measures that harness with an analyzer that registers the same kinds of actions and does
/// nothing, so the analyzers' own cost is <see cref="CompileWithAnalyzersAndGenerator"/> minus it,
/// and the generator's is <see cref="CompileWithGenerator"/> minus the baseline.
/// </remarks>
[MemoryDiagnoser]
public class AnalyzerCostBenchmark
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CompilationWithAnalyzersOptions AnalyzerOptions = new(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);

    private readonly CSharpCompilationOptions _options = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = [new ModuleDeclarationAnalyzer(), new ModuleCouplingAnalyzer()];
    private readonly ImmutableArray<DiagnosticAnalyzer> _noOpAnalyzer = [new NoOpAnalyzer()];
    private string[] _sources = [];
    private MetadataReference[] _references = [];

    [GlobalSetup]
    public void Setup()
    {
        _sources = [.. Enumerable.Range(0, BenchmarkModules.Count).Select(BenchmarkModules.Source)];
        _references = [.. BenchmarkModules.ReferencePaths().Select(path => MetadataReference.CreateFromFile(path))];

        // Fail fast: the compilation with the generated code must be clean, and the analyzers must
        // have nothing to say about it.
        var (_, diagnostics) = CompileWithGeneratorAndAnalyzers(_analyzers);
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Take(5).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The benchmark compilation is not clean: " + string.Join("; ", problems));
        }
    }

    [Benchmark(Baseline = true)]
    public long CompileWithoutAnalyzers()
    {
        var compilation = Create();
        return Emit(compilation) + compilation.GetDiagnostics().Length;
    }

    [Benchmark]
    public long CompileWithGenerator()
    {
        var compilation = Generate(Create());
        return Emit(compilation) + compilation.GetDiagnostics().Length;
    }

    [Benchmark]
    public long CompileWithAnalyzersAndGenerator()
    {
        var (compilation, diagnostics) = CompileWithGeneratorAndAnalyzers(_analyzers);
        return Emit(compilation) + diagnostics.Length;
    }

    [Benchmark]
    public long CompileWithNoOpAnalyzerAndGenerator()
    {
        var (compilation, diagnostics) = CompileWithGeneratorAndAnalyzers(_noOpAnalyzer);
        return Emit(compilation) + diagnostics.Length;
    }

    /// <summary>Runs the generator, then computes the compiler's and the analyzers' diagnostics in one pass.</summary>
    private (Compilation Compilation, ImmutableArray<Diagnostic> Diagnostics) CompileWithGeneratorAndAnalyzers(ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = Generate(Create());
        var diagnostics = compilation.WithAnalyzers(analyzers, AnalyzerOptions).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return (compilation, diagnostics);
    }

    private static Compilation Generate(Compilation compilation)
    {
        CSharpGeneratorDriver.Create([new ModuleManifestGenerator().AsSourceGenerator()], parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
        return generated;
    }

    private CSharpCompilation Create() =>
        CSharpCompilation.Create(
            BenchmarkModules.AssemblyName,
            _sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: BenchmarkModules.FileName(i))),
            _references,
            _options);

    private static long Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return result.Success ? stream.Length : throw new InvalidOperationException(string.Join("; ", result.Diagnostics.Take(5)));
    }
}
