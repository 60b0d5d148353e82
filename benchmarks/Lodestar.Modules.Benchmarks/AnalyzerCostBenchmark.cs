using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text;
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
    private const int ModuleCount = 500;

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
        _sources = [.. Enumerable.Range(0, ModuleCount).Select(ModuleSource)];
        _references = [.. References()];

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
            "Benchmark.Modules",
            _sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Module{i}.cs")),
            _references,
            _options);

    private static long Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return result.Success ? stream.Length : throw new InvalidOperationException(string.Join("; ", result.Diagnostics.Take(5)));
    }

    private static IEnumerable<MetadataReference> References()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        var sdk = typeof(LodestarModule).Assembly;
        paths.Add(sdk.Location);
        foreach (var name in sdk.GetReferencedAssemblies())
        {
            var location = Assembly.Load(name).Location;
            if (location.Length > 0)
            {
                paths.Add(location);
            }
        }

        return paths.Select(path => MetadataReference.CreateFromFile(path));
    }

    private static string ModuleSource(int i)
    {
        var attributes = new StringBuilder();
        if (i > 0)
        {
            attributes.Append(CultureInfo.InvariantCulture, $"[DependsOn(\"module-{i - 1}\")]\n");
        }

        if (i > 1)
        {
            attributes.Append(CultureInfo.InvariantCulture, $"[DependsOn(\"module-{i - 2}\", Optional = true)]\n");
            attributes.Append(CultureInfo.InvariantCulture, $"[Capability(\"report-{i}\", Requires = [\"module-{i - 2}\"])]\n");
        }

        return string.Create(CultureInfo.InvariantCulture, $$"""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Lodestar.Modules;
            using Lodestar.Results;
            using Microsoft.Extensions.DependencyInjection;

            namespace Benchmark.Modules.M{{i}};

            public sealed class Module{{i}}Options
            {
                public int Size { get; set; } = {{i % 50}};

                public string Name { get; set; } = "module-{{i}}";
            }

            public sealed record Module{{i}}Event(int Value, string Source);

            public sealed class Module{{i}}Service
            {
                private readonly List<Module{{i}}Event> _events = [];

                public int Count => _events.Count;

                public void Add(Module{{i}}Event value) => _events.Add(value);
            }

            [Module("module-{{i}}", "1.{{i % 10}}.0", Description = "Benchmark module {{i}}")]
            {{attributes}}[HealthCheck(IntervalSeconds = 30, TimeoutSeconds = 5)]
            [Shutdown(GracefulSeconds = 10, ForceSeconds = 2)]
            public sealed class Module{{i}} : LodestarModule<Module{{i}}Options>
            {
                private readonly Module{{i}}Service _service = new();
                private int _total;

                public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(_service);

                protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
                {
                    var total = 0;
                    for (var j = 0; j < Options.Size; j++)
                    {
                        total += j * 3 % 7;
                    }

                    _total = total + Compute(total);
                    _service.Add(new Module{{i}}Event(_total, context.ModuleId));
                    return new(_total >= 0 ? Result.Success() : Result.Failure(Error.Validation("module.{{i}}.negative", "Negative total")));
                }

                protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
                {
                    _total = 0;
                    return default;
                }

                private static int Compute(int value) => value switch
                {
                    < 10 => value,
                    < 100 => value / 2,
                    _ => string.Concat("x", value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Length,
                };
            }
            """);
    }
}
