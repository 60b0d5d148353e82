using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Checks module declarations: each module class on its own as a symbol action (LODE001–004,
/// LODE008–010, LODE012, LODE013), and the graph of every module the compilation can see in one
/// compilation-start/end pair (LODE005–007).
/// </summary>
/// <remarks>
/// Generated code is analyzed but never reported on: a module declared there (by another source
/// generator, or in a checked-in <c>*.g.cs</c>) is registered at run time like any other, so the
/// graph checks take it as context, the way they take a referenced assembly's modules.
/// </remarks>
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
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze);
        context.RegisterCompilationStartAction(static start =>
        {
            // Nothing to check in a compilation that cannot declare modules.
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.LodestarModuleMetadataName) is null)
            {
                return;
            }

            var sourceModules = new ConcurrentQueue<GraphModule>();
            var generatedModules = new ConcurrentQueue<GraphModule>();
            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, sourceModules, generatedModules), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                var contextModules = ReferencedModules.Read(end.Compilation, end.CancellationToken);
                contextModules.AddRange(generatedModules);
                ModuleGraphChecker.Check([.. sourceModules], contextModules, end.ReportDiagnostic, end.CancellationToken);
            });
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, ConcurrentQueue<GraphModule> sourceModules, ConcurrentQueue<GraphModule> generatedModules)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type)
        {
            return;
        }

        // Generated code is context only: its modules join the graph, nothing in it is reported.
        if (context.IsGeneratedCode)
        {
            if (GraphModule.Context(type) is { } generated)
            {
                generatedModules.Enqueue(generated);
            }

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
                context.ReportDiagnostic(Diagnostic.Create(Rules.MissingModuleAttribute, DerivingDeclaration(type, context.CancellationToken), properties, type.Name, id));
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

    /// <summary>
    /// Where to report on a partial class: the name in the part with a base list (the one that says
    /// <c>: LodestarModule</c>), else the first part. Diagnostics in generated code are dropped, and a
    /// generated part (a checked-in <c>*.g.cs</c>) may well come first without naming the base class.
    /// </summary>
    private static Location DerivingDeclaration(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length > 1)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is ClassDeclarationSyntax { BaseList: not null } declaration)
                {
                    return declaration.Identifier.GetLocation();
                }
            }
        }

        return type.Locations[0];
    }
}
