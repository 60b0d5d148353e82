using System.Globalization;
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

    // Declaring the module's own id as a dependency would be a self-dependency (LODE008).
    [Fact]
    public async Task ForCapabilityRequiringTheModuleItself_SaysToRemoveTheIdFromRequires()
    {
        var compilation = TestCompilation.Create("""
            using Lodestar.Modules;

            [Module("pricing", "1.0.0", Description = "Prices usage")]
            [Capability("price-history", Requires = ["pricing"])]
            public sealed class PricingModule : LodestarModule
            {
            }
            """);

        var diagnostic = Assert.Single(await AnalyzerRunner.RunAsync(compilation));

        Assert.Equal(Id, diagnostic.Id);
        Assert.Equal(
            "Capability 'price-history' of module 'pricing' requires 'pricing', the module itself; a capability requires other modules, so remove 'pricing' from Requires",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }
}
