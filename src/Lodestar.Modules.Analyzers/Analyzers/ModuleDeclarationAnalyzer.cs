using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Checks module declarations: each module class on its own as a symbol action (LODE001–004,
/// LODE008–010, LODE012, LODE013), and the graph of every module the compilation can see in one
/// compilation-start/end pair (LODE005–007).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
    [
        Rules.MissingModuleAttribute,
        Rules.InvalidId,
        Rules.InvalidVersion,
        Rules.MissingDescription,
        Rules.DuplicateId,
        Rules.UnknownDependency,
        Rules.DependencyCycle,
        Rules.SelfDependency,
        Rules.UndeclaredCapabilityDependency,
        Rules.InvalidTimeout,
        Rules.NotAModule,
        Rules.DuplicateDeclaration,
    ];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Nothing to check in a compilation that cannot declare modules.
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.LodestarModuleMetadataName) is null)
            {
                return;
            }

            var sourceModules = new ConcurrentQueue<GraphModule>();
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, sourceModules), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                var referenced = ReferencedModules.Read(end.Compilation, end.CancellationToken);
                ModuleGraphChecker.Check([.. sourceModules], referenced, end.ReportDiagnostic, end.CancellationToken);
            });
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ConcurrentQueue<GraphModule> sourceModules)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
        {
            return;
        }

        // Most classes are neither modules nor carry [Module]: leave them without reading anything.
        var derives = KnownTypes.DerivesFromLodestarModule(type);
        if (!derives && !ModuleDeclaration.HasModuleAttribute(type))
        {
            return;
        }

        var declaration = ModuleDeclaration.Read(type);
        if (declaration.Module is not { } module)
        {
            if (derives && !type.IsAbstract && !KnownTypes.IsGeneric(type) && !type.Locations.IsEmpty)
            {
                var id = ModuleRules.IdFromClassName(type.Name);
                var properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticPropertyNames.Suggestion, id)
                    .Add(DiagnosticPropertyNames.Description, ModuleRules.DescriptionFromClassName(type.Name));
                context.ReportDiagnostic(Diagnostic.Create(Rules.MissingModuleAttribute, type.Locations[0], properties, type.Name, id));
            }

            return;
        }

        var reason = !derives ? "it does not derive from LodestarModule"
            : type.IsAbstract ? "the class is abstract; put [Module] on each concrete module class"
            : KnownTypes.IsGeneric(type) ? "a generic class cannot be registered as a module"
            : null;
        if (reason is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rules.NotAModule, AttributeLocations.Attribute(module, type, context.CancellationToken), type.ToDisplayString(), reason));
            return;
        }

        new DeclarationChecker(context, declaration, module).Check(sourceModules);
    }
}
