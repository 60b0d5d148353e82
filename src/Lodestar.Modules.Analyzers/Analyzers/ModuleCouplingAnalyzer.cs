using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// LODE011: a module class (or a type nested in it) names another module's class. Modules depend on
/// the core and talk through events and shared contracts, so that each can be disabled, replaced or
/// shipped as a plugin on its own.
/// </summary>
/// <remarks>
/// One callback per syntax tree finds the module classes in it (binding only class declarations)
/// and scans each one's tokens; a name is bound only when its text is the name of a module class
/// (<see cref="ModuleTypeNames"/>): a module's method bodies are never bound just to learn that
/// they reference no other module, and code outside module classes is not scanned at all.
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
            start.RegisterSemanticModelAction(model => new Scanner(model, names).Visit(model.SemanticModel.SyntaxTree.GetRoot(model.CancellationToken)));
        });
    }

    /// <summary>Scans one tree: finds the module classes in it, and in their code the names of other module classes.</summary>
    private sealed class Scanner(SemanticModelAnalysisContext context, Lazy<ModuleTypeNames> names)
    {
        private char[]? _text;

        /// <summary>Visits the namespaces and the types outside any module class, down to the module classes.</summary>
        public void Visit(SyntaxNode node)
        {
            foreach (var child in node.ChildNodes())
            {
                switch (child)
                {
                    case ClassDeclarationSyntax declaration when DeclaredModule(declaration) is { } module:
                        // A type nested in a module belongs to it; a module nested anywhere owns its own code.
                        Scan(declaration, module);
                        break;
                    case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax:
                        Visit(child);
                        break;
                }
            }
        }

        /// <summary>
        /// Checks every simple name written in a module class (its attributes, base list and members,
        /// nested types included) whose text is a module class name.
        /// </summary>
        /// <remarks>
        /// Walking the tokens of a class realises a syntax node for every expression in it; reading its
        /// text does not. The text is cut into runs of identifier characters; a token is looked at only
        /// where a run spells a module class name, or could hide an identifier that does not read as
        /// written: one with a <c>\u</c> escape or a non-ASCII character, or one right after a number
        /// (<c>1Name</c>). An identifier written <c>@Name</c> is the run after the <c>@</c>.
        /// </remarks>
        private void Scan(ClassDeclarationSyntax declaration, INamedTypeSymbol module)
        {
            var moduleNames = names.Value;
            var span = declaration.Span;
            if (_text is null || _text.Length < span.Length)
            {
                _text = new char[span.Length];
            }

            var text = _text;
            declaration.SyntaxTree.GetText(context.CancellationToken).CopyTo(span.Start, text, 0, span.Length);
            var i = 0;
            while (i < span.Length)
            {
                var c = text[i];
                var startsWithDigit = c is >= '0' and <= '9';
                if (!startsWithDigit && !IsLetterOrUnderscore(c) && c != '\\' && c <= '\x7F')
                {
                    i++;
                    continue;
                }

                var start = i;
                var unusual = false;
                var hasLetter = false;
                for (; i < span.Length; i++)
                {
                    c = text[i];
                    if (IsLetterOrUnderscore(c))
                    {
                        hasLetter = true;
                    }
                    else if (c == '\\' || c > '\x7F')
                    {
                        unusual = true;
                    }
                    else if (c is < '0' or > '9')
                    {
                        break;
                    }
                }

                if (unusual || (startsWithDigit ? hasLetter : moduleNames.Contains(text, start, i - start)))
                {
                    CheckTokens(declaration, module, moduleNames, span.Start + start, span.Start + i);
                }
            }
        }

        /// <summary>Checks the tokens of <paramref name="declaration"/> that overlap the text from <paramref name="start"/> to <paramref name="end"/>.</summary>
        private void CheckTokens(ClassDeclarationSyntax declaration, INamedTypeSymbol module, ModuleTypeNames moduleNames, int start, int end)
        {
            for (var token = declaration.FindToken(start); !token.IsKind(SyntaxKind.None) && token.SpanStart < end; token = token.GetNextToken())
            {
                if (token.Span.End > start
                    && token.IsKind(SyntaxKind.IdentifierToken)
                    && token.Parent is SimpleNameSyntax name
                    && moduleNames.Contains(token.ValueText)
                    && name.Parent is not (NameColonSyntax or NameEqualsSyntax))
                {
                    Check(name, Owner(name, declaration, module));
                }
            }
        }

        private static bool IsLetterOrUnderscore(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

        /// <summary>The innermost module class around <paramref name="name"/>, at most <paramref name="outermost"/>.</summary>
        private INamedTypeSymbol Owner(SyntaxNode name, ClassDeclarationSyntax outermost, INamedTypeSymbol outermostModule)
        {
            for (var node = name.Parent; node is not null && node != outermost; node = node.Parent)
            {
                if (node is ClassDeclarationSyntax declaration && DeclaredModule(declaration) is { } module)
                {
                    return module;
                }
            }

            return outermostModule;
        }

        private INamedTypeSymbol? DeclaredModule(ClassDeclarationSyntax declaration) =>
            context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is INamedTypeSymbol type && KnownTypes.DerivesFromLodestarModule(type)
                ? type
                : null;

        private void Check(SimpleNameSyntax name, INamedTypeSymbol module)
        {
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
