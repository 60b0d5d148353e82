namespace Lodestar.Modules.Analyzers;

/// <summary>
/// The diagnostic ids, in one table. An id never changes meaning once shipped; a retired rule keeps
/// its number. Each id has a page <c>docs/diagnostics/&lt;id&gt;.md</c> and a line in
/// <c>AnalyzerReleases.*.md</c>.
/// </summary>
internal static class RuleIdentifiers
{
    /// <summary>A concrete class deriving from <c>LodestarModule</c> has no <c>[Module]</c>.</summary>
    public const string MissingModuleAttribute = "LODE001";

    /// <summary>A module id, dependency id or capability name is not lower-case kebab/dotted.</summary>
    public const string InvalidId = "LODE002";

    /// <summary>A module version is not SemVer 2.0.</summary>
    public const string InvalidVersion = "LODE003";

    /// <summary>A module has no description.</summary>
    public const string MissingDescription = "LODE004";

    /// <summary>Two modules share an id.</summary>
    public const string DuplicateId = "LODE005";

    /// <summary>A dependency names an id that no module in the compilation or its references declares.</summary>
    public const string UnknownDependency = "LODE006";

    /// <summary>Modules depend on each other in a cycle.</summary>
    public const string DependencyCycle = "LODE007";

    /// <summary>A module depends on itself.</summary>
    public const string SelfDependency = "LODE008";

    /// <summary>A capability requires an id the module does not declare in <c>[DependsOn]</c>.</summary>
    public const string UndeclaredCapabilityDependency = "LODE009";

    /// <summary>A health-check or shutdown timeout is not positive, or the health-check timeout exceeds its interval.</summary>
    public const string InvalidTimeout = "LODE010";

    /// <summary>A module's code references another module's class.</summary>
    public const string ModuleCoupling = "LODE011";

    /// <summary><c>[Module]</c> is on a class that is not a concrete, non-generic <c>LodestarModule</c>.</summary>
    public const string NotAModule = "LODE012";

    /// <summary>A dependency or a capability is declared twice.</summary>
    public const string DuplicateDeclaration = "LODE013";
}
