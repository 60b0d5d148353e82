using Lodestar.Modules.Analyzers.Tests.Support;
using Lodestar.Modules.CodeFixes;

namespace Lodestar.Modules.Analyzers.Tests.CodeFixes;

public sealed class AddOptionalDependencyCodeFixProviderTests
{
    private static readonly AddOptionalDependencyCodeFixProvider Fix = new();

    private const string OtherModules = """

        [Module("storage", "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        public sealed class PricingModule : LodestarModule
        {
        }
        """;

    [Fact]
    public Task AddDependency_ModuleWithDependencies_AddsItAfterTheLastDependsOn() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.UndeclaredCapabilityDependency,
        """
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        [DependsOn("storage")]
        [Capability("cost-report", Requires = [[|"pricing"|]])]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """ + OtherModules,
        """
        using Lodestar.Modules;

        [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
        [DependsOn("storage")]
        [DependsOn("pricing", Optional = true)]
        [Capability("cost-report", Requires = ["pricing"])]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """ + OtherModules,
        "Add [DependsOn(\"pricing\", Optional = true)]");

    [Fact]
    public Task AddDependency_ModuleWithoutDependencies_AddsItAfterTheModuleAttribute() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.UndeclaredCapabilityDependency,
        """
        using Lodestar.Modules;

        public static class Features
        {
            [Capability("cost-report", Requires = new[] { [|"pricing"|] })]
            [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
            public sealed class UsageTrackerModule : LodestarModule
            {
            }
        }
        """ + OtherModules,
        """
        using Lodestar.Modules;

        public static class Features
        {
            [Capability("cost-report", Requires = new[] { "pricing" })]
            [Module("usage-tracker", "1.0.0", Description = "Tracks usage")]
            [DependsOn("pricing", Optional = true)]
            public sealed class UsageTrackerModule : LodestarModule
            {
            }
        }
        """ + OtherModules);

    // Depending on the module's own id is a self-dependency (LODE008), so there is nothing to add.
    [Fact]
    public Task AddDependency_CapabilityRequiringTheModuleItself_OffersNoFix() => CodeFixVerifier.VerifyNoFixAsync(
        Fix,
        RuleIdentifiers.UndeclaredCapabilityDependency,
        """
        using Lodestar.Modules;

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        [Capability("price-history", Requires = [[|"pricing"|]])]
        public sealed class PricingModule : LodestarModule
        {
        }
        """);
}
