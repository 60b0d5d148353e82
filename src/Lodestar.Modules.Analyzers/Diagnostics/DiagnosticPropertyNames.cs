namespace Lodestar.Modules.Analyzers;

/// <summary>Keys of the values a diagnostic carries to its code fix in <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>.</summary>
internal static class DiagnosticPropertyNames
{
    /// <summary>The replacement the fix writes: a module id (LODE001, LODE002), a version (LODE003) or a dependency id (LODE009).</summary>
    public const string Suggestion = "Suggestion";

    /// <summary>The description the LODE001 fix writes.</summary>
    public const string Description = "Description";
}
