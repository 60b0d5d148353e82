namespace Lodestar.Modules.Analyzers;

/// <summary>The diagnostic categories.</summary>
internal static class RuleCategories
{
    /// <summary>One module's declaration: its attributes and their arguments.</summary>
    public const string Declaration = "Lodestar.Declaration";

    /// <summary>The graph of every module the compilation can see: ids, dependencies, cycles.</summary>
    public const string Graph = "Lodestar.Graph";

    /// <summary>How modules are built: they depend on the core, not on each other.</summary>
    public const string Design = "Lodestar.Design";
}
