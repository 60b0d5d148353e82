using Lodestar.Modules.Analyzers.Tests.Support;
using Lodestar.Modules.CodeFixes;

namespace Lodestar.Modules.Analyzers.Tests.CodeFixes;

public sealed class ModuleIdCodeFixProviderTests
{
    private static readonly ModuleIdCodeFixProvider Fix = new();

    [Fact]
    public Task FixId_PascalCaseModuleId_RewritesToKebabCase() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidId,
        """
        using Lodestar.Modules;

        [Module([|"UsageTracker"|], "1.0.0", Description = "Tracks usage")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """,
        "Use 'usage-tracker'");

    [Fact]
    public Task FixId_NamedArgumentWithUnderscoresAndDots_KeepsTheNameAndTheDots() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidId,
        """
        using Lodestar.Modules;

        [Module([|id: "Acme.Usage_Tracker"|], version: "1.0.0", Description = "Tracks usage")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        [Module(id: "acme.usage-tracker", version: "1.0.0", Description = "Tracks usage")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """);

    [Fact]
    public Task FixId_CapabilityName_RewritesIt() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidId,
        """
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [Capability([|"CostReport"|])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [Capability("cost-report")]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """);

    [Fact]
    public Task FixId_IdFromAConstant_OffersNoFix() => CodeFixVerifier.VerifyNoFixAsync(
        Fix,
        RuleIdentifiers.InvalidId,
        """
        using Lodestar.Modules;

        [Module([|ReportsModule.Id|], "1.0.0", Description = "Reports")]
        public sealed class ReportsModule : LodestarModule
        {
            public const string Id = "Reports";
        }
        """);

    [Fact]
    public Task FixId_CapabilityRequiresId_RewritesItToTheDeclaredDependency() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidId,
        """
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [DependsOn("pricing", Optional = true)]
        [Capability("cost-report", Requires = [[|"Pricing"|]])]
        public sealed class ReportsModule : LodestarModule
        {
        }

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        public sealed class PricingModule : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [DependsOn("pricing", Optional = true)]
        [Capability("cost-report", Requires = ["pricing"])]
        public sealed class ReportsModule : LodestarModule
        {
        }

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        public sealed class PricingModule : LodestarModule
        {
        }
        """);
}

