using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class UnknownDependencyTests
{
    private const string Id = RuleIdentifiers.UnknownDependency;

    [Fact]
    public Task ForRequiredDependencyNoModuleDeclares_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports usage")]
        [DependsOn([|"storgae"|])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForOptionalDependencyNoModuleDeclares_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports usage")]
        [DependsOn([|"pricing"|], Optional = true)]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForDependencyDeclaredInTheCompilation_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports usage")]
        [DependsOn("storage")]
        public sealed class ReportsModule : LodestarModule
        {
        }

        [Module("storage", "1.0.0", Description = "Stores things")]
        internal sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForDependenciesDeclaredInAReferencedAssembly_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports usage")]
        [DependsOn("storage")]
        [DependsOn("pricing", Optional = true)]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);
}
