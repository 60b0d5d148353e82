using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class DuplicateDeclarationTests
{
    private const string Id = RuleIdentifiers.DuplicateDeclaration;

    [Fact]
    public Task ForDependencyDeclaredTwice_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }

        [Module("reports", "1.0.0", Description = "Reports")]
        [DependsOn("storage")]
        [DependsOn([|"storage"|], Optional = true)]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForCapabilityDeclaredTwice_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [Capability("monthly-report")]
        [Capability([|"monthly-report"|])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForDistinctDependenciesAndCapabilities_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }

        [Module("pricing", "1.0.0", Description = "Prices")]
        public sealed class PricingModule : LodestarModule
        {
        }

        [Module("reports", "1.0.0", Description = "Reports")]
        [DependsOn("storage")]
        [DependsOn("pricing", Optional = true)]
        [Capability("monthly-report")]
        [Capability("cost-report", Requires = ["pricing"])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);
}
