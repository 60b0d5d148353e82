using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// LODE011: a module class (or a type nested in it) names another module's class. Modules depend on
/// the core and talk through events and shared contracts, so that each can be disabled, replaced or
/// shipped as a plugin on its own.
/// </summary>
/// <remarks>
/// One callback per syntax tree walks its syntax, and binds a name only when its text is the name
/// of a module class (<see cref="ModuleTypeNames"/>): a module's method bodies are never bound just
/// to learn that they reference no other module.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ModuleCouplingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rules.ModuleCoupling];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.LodestarModuleMetadataName) is null)
            {
                return;
            }

            var compilation = start.Compilation;
            var cancellationToken = start.CancellationToken;
            var names = new Lazy<ModuleTypeNames>(() => ModuleTypeNames.Create(compilation, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterSemanticModelAction(model => new Walker(model, names).Visit(model.SemanticModel.SyntaxTree.GetRoot(model.CancellationToken), owner: null));
        });
    }

    /// <summary>Walks one tree: finds the module classes in it, and in their code the names of other module classes.</summary>
    private sealed class Walker(SemanticModelAnalysisContext context, Lazy<ModuleTypeNames> names)
    {
        public void Visit(SyntaxNode node, INamedTypeSymbol? owner)
        {
            foreach (var child in node.ChildNodes())
            {
                switch (child)
                {
                    case ClassDeclarationSyntax declaration:
                        // A type nested in a module belongs to it; a module nested anywhere owns its own code.
                        var type = context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) as INamedTypeSymbol;
                        Visit(child, type is not null && KnownTypes.DerivesFromLodestarModule(type) ? type : owner);
                        break;
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                        Visit(child, owner);
                        break;
                    case SimpleNameSyntax name when owner is not null:
                        Check(name, owner);
                        Visit(child, owner);
                        break;
                    default:
                        if (owner is not null || child is BaseNamespaceDeclarationSyntax)
                        {
                            Visit(child, owner);
                        }

                        break;
                }
            }
        }

        private void Check(SimpleNameSyntax name, INamedTypeSymbol module)
        {
            if (!names.Value.Contains(name.Identifier.ValueText) || name.Parent is NameColonSyntax or NameEqualsSyntax)
            {
                return;
            }

            var info = context.SemanticModel.GetSymbolInfo(name, context.CancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
            var target = symbol switch
            {
                INamedTypeSymbol type => type,
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType,
                _ => null,
            };

            if (target is null
                || SymbolEqualityComparer.Default.Equals(target, module)
                || !KnownTypes.IsConcreteModule(target))
            {
                return;
            }

            var targetId = ModuleDeclaration.Read(target) is { HasValidId: true } declaration ? declaration.Id! : target.Name;
            context.ReportDiagnostic(Diagnostic.Create(Rules.ModuleCoupling, name.GetLocation(), module.Name, target.ToDisplayString(), targetId));
        }
    }
}
