using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Every diagnostic descriptor, built by one factory so each gets its help link
/// (<c>docs/diagnostics/&lt;id&gt;.md</c>) and the compilation-end tag where it needs one.
/// </summary>
internal static class Rules
{
    /// <summary>Where the diagnostic pages live; each id has <c>&lt;id&gt;.md</c> there.</summary>
    public const string HelpLinkBase = "https://github.com/lodestar-modules/lodestar-modules/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor MissingModuleAttribute = Create(
        RuleIdentifiers.MissingModuleAttribute,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "A module class must declare [Module]",
        "Module class '{0}' has no [Module] attribute; add [Module(\"{1}\", \"1.0.0\", Description = \"...\")]",
        "Every concrete class deriving from LodestarModule needs exactly one [Module] attribute with its id and version; without it the runtime cannot register the module.");

    public static readonly DiagnosticDescriptor InvalidId = Create(
        RuleIdentifiers.InvalidId,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "Module ids are lower-case words separated by '-' or '.'",
        "The {0} '{1}' is not a valid module id; use lower-case letters and digits in words separated by '-' or '.', starting with a letter, for example '{2}'",
        "Module ids, the ids named by [DependsOn] and by a capability's Requires, and capability names must match ^[a-z][a-z0-9]*([.-][a-z0-9]+)*$, the same rule the runtime applies when the module is registered.");

    public static readonly DiagnosticDescriptor InvalidVersion = Create(
        RuleIdentifiers.InvalidVersion,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "Module versions are SemVer 2.0",
        "Version '{0}' of module '{1}' is not SemVer 2.0; use MAJOR.MINOR.PATCH with optional -prerelease and +build parts, for example '{2}'",
        "A module version must be a SemVer 2.0 version such as 1.2.0 or 1.2.0-beta.1, the same rule the runtime applies when the module is registered.");

    public static readonly DiagnosticDescriptor MissingDescription = Create(
        RuleIdentifiers.MissingDescription,
        RuleCategories.Declaration,
        DiagnosticSeverity.Warning,
        "A module should describe what it is for",
        "Module '{0}' has no description; set Description to one line that says what the module is for",
        "The description is shown in runtime snapshots, logs and health pages; an operator reads it to know what turning the module off means.");

    public static readonly DiagnosticDescriptor DuplicateId = Create(
        RuleIdentifiers.DuplicateId,
        RuleCategories.Graph,
        DiagnosticSeverity.Error,
        "Module ids must be unique",
        "Module id '{0}' is declared by both '{1}' and '{2}'; give each module its own id",
        "Two modules visible to the compilation (in it or in a referenced assembly) declare the same id; the runtime refuses to start a graph with duplicate ids.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor UnknownDependency = Create(
        RuleIdentifiers.UnknownDependency,
        RuleCategories.Graph,
        DiagnosticSeverity.Warning,
        "A dependency should name a known module",
        "Module '{0}' depends on '{1}', but no module in this compilation or its references declares that id; fix the id, or suppress this warning if a plugin loaded at run time provides it",
        "No module in the compilation or its references declares the id; it is a typo, or a module that a plugin brings at run time.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor DependencyCycle = Create(
        RuleIdentifiers.DependencyCycle,
        RuleCategories.Graph,
        DiagnosticSeverity.Error,
        "Modules must not depend on each other in a cycle",
        "Module '{0}' is part of a dependency cycle: {1}; remove one [DependsOn] or move the shared part into a module of its own",
        "The runtime starts modules in dependency order (optional dependencies that are present order the start too) and refuses a graph with a cycle.",
        compilationEnd: true);

    public static readonly DiagnosticDescriptor SelfDependency = Create(
        RuleIdentifiers.SelfDependency,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "A module must not depend on itself",
        "Module '{0}' depends on itself; remove [DependsOn(\"{0}\")]",
        "A module that depends on itself could never start; the runtime rejects the declaration.");

    public static readonly DiagnosticDescriptor UndeclaredCapabilityDependency = Create(
        RuleIdentifiers.UndeclaredCapabilityDependency,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "A capability may require only declared dependencies",
        "Capability '{0}' of module '{1}' requires '{2}', {3}",
        "A capability is active while every module it requires runs; each of them must also be declared with [DependsOn], usually optional. A capability cannot require its own module, which can never be a dependency of itself.");

    public static readonly DiagnosticDescriptor InvalidTimeout = Create(
        RuleIdentifiers.InvalidTimeout,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "Module timeouts must be positive and consistent",
        "[{0}] of module '{1}' is invalid: {2}",
        "Health-check interval and timeout and the graceful and forced stop timeouts must be positive and at most 2147483 seconds (about 24 days, the longest a timer waits), and a health check must end before the next one is due (TimeoutSeconds <= IntervalSeconds).");

    public static readonly DiagnosticDescriptor ModuleCoupling = Create(
        RuleIdentifiers.ModuleCoupling,
        RuleCategories.Design,
        DiagnosticSeverity.Warning,
        "Modules should not reference each other's classes",
        "Module '{0}' references '{1}', the class of module '{2}'; modules depend on the core, not on each other, so talk through events and shared contracts",
        "A module that uses another module's class couples their lifecycles and deployments; publish events or share a contract type instead.");

    public static readonly DiagnosticDescriptor NotAModule = Create(
        RuleIdentifiers.NotAModule,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "[Module] belongs on a concrete, non-generic LodestarModule class",
        "[Module] on '{0}' has no effect: {1}",
        "Only a concrete, non-generic class deriving from LodestarModule can be registered as a module.");

    public static readonly DiagnosticDescriptor DuplicateDeclaration = Create(
        RuleIdentifiers.DuplicateDeclaration,
        RuleCategories.Declaration,
        DiagnosticSeverity.Error,
        "Dependencies and capabilities are declared once",
        "Module '{0}' declares {1} '{2}' more than once; keep one",
        "The runtime rejects a module that declares the same dependency or capability twice.");

    private static DiagnosticDescriptor Create(
        string id,
        string category,
        DiagnosticSeverity severity,
        string title,
        string messageFormat,
        string description,
        bool compilationEnd = false) =>
        new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: HelpLinkBase + id + ".md",
            customTags: compilationEnd ? [WellKnownDiagnosticTags.CompilationEnd] : []);
}
