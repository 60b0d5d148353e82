using System.Collections.Immutable;
using System.Composition;
using Lodestar.Modules.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Lodestar.Modules.CodeFixes;

/// <summary>LODE003: rewrites a version to the nearest SemVer 2.0 version (<c>"1.2"</c> becomes <c>"1.2.0"</c>, <c>"v2.0.0"</c> becomes <c>"2.0.0"</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModuleVersionCodeFixProvider))]
[Shared]
public sealed class ModuleVersionCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [RuleIdentifiers.InvalidVersion];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
        LiteralCodeFix.RegisterAsync(context, value => $"Use version '{value}'", nameof(ModuleVersionCodeFixProvider));
}
