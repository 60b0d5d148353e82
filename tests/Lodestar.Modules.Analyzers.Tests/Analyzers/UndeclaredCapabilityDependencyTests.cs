using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class UndeclaredCapabilityDependencyTests
{
    private const string Id = RuleIdentifiers.UndeclaredCapabilityDependency;

    private const string Pricing = """

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        public sealed class PricingModule : LodestarModule
        {
        }

        [Module("storage", "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """;

    [Fact]
    public Task ForCollectionExpressionRequiringUndeclaredId_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        [DependsOn("storage")]
        [Capability("cost-report", Requires = ["storage", [|"pricing"|]])]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """ + Pricing, Id);

    [Fact]
    public Task ForArrayCreationRequiringUndeclaredId_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        [Capability("cost-report", Requires = new[] { [|"pricing"|] })]
        [Capability("archive", Requires = new string[] { [|"storage"|] })]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """ + Pricing, Id);

    [Fact]
    public Task ForCapabilityRequiringDeclaredIds_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        [DependsOn("storage")]
        [DependsOn("pricing", Optional = true)]
        [Capability("cost-report", Requires = ["pricing"])]
        [Capability("history")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """ + Pricing, Id);
}
