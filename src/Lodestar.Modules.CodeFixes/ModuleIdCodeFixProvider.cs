using System.Collections.Immutable;
using System.Composition;
using Lodestar.Modules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Lodestar.Modules.CodeFixes;

/// <summary>LODE002: rewrites an id or capability name to the nearest valid one (<c>"UsageTracker"</c> becomes <c>"usage-tracker"</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModuleIdCodeFixProvider))]
[Shared]
public sealed class ModuleIdCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.InvalidId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        LiteralCodeFix.RegisterAsync(context, value => $"Use '{value}'", nameof(ModuleIdCodeFixProvider));
}
