using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Benchmarks;

// A reference for AnalyzerCostBenchmark only: it runs in memory and is never loaded by a compiler,
// so the rules for shipped analyzer assemblies (netstandard2.0, release tracking) do not apply.
#pragma warning disable RS1036, RS1041, RS2008

/// <summary>
/// Registers the kinds of actions the Lodestar analyzers register (a compilation start and end, a
/// named-type symbol action, a semantic-model action) and does nothing in them, so a benchmark can
/// tell Roslyn's analyzer harness from the analyzers' own work.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NoOpAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "NOOP001", "No-op", "No-op", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            start.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType);
            start.RegisterSemanticModelAction(static _ => { });
            start.RegisterCompilationEndAction(static _ => { });
        });
    }
}
#pragma warning restore RS1036, RS1041, RS2008
