using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class InvalidIdTests
{
    private const string Id = RuleIdentifiers.InvalidId;

    [Theory]
    [InlineData("UsageTracker")]
    [InlineData("usage_tracker")]
    [InlineData("2fa")]
    [InlineData("")]
    [InlineData("usage--tracker")]
    [InlineData("usage-")]
    [InlineData("usage tracker")]
    [InlineData("módulo")]
    public Task ForModuleIdNotKebabOrDotted_Triggers(string id) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module([|"{{id}}"|], "1.0.0", Description = "A module")]
        public sealed class SomeModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForNullModuleId_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module([|null|], "1.0.0", Description = "A module")]
        public sealed class SomeModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleIdWithTrailingLineFeed_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module([|"storage\n"|], "1.0.0", Description = "A module")]
        public sealed class SomeModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForNamedIdArgument_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module(version: "1.0.0", [|id: "Storage"|], Description = "A module")]
        public sealed class SomeModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForConstantModuleId_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module([|SomeModule.ModuleId|], "1.0.0", Description = "A module")]
        public sealed class SomeModule : LodestarModule
        {
            public const string ModuleId = "Some_Module";
        }
        """, Id);

    [Fact]
    public Task ForDependencyIdAndCapabilityName_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "A module")]
        [DependsOn([|"Storage"|])]
        [Capability([|"Cost_Report"|])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);

    [Theory]
    [InlineData("usage-tracker")]
    [InlineData("acme.billing-v2")]
    [InlineData("a1.b2-c3")]
    [InlineData("storage")]
    public Task ForKebabAndDottedIds_DoesNotTrigger(string id) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("{{id}}", "1.0.0", Description = "A module")]
        [Capability("{{id}}.report")]
        public sealed class SomeModule : LodestarModule
        {
        }
        """, Id);

    // Requires names a [DependsOn] id, which must be valid: "add [DependsOn("Pricing")]" (LODE009)
    // would only lead to another error, so the id itself is what is reported.
    [Fact]
    public Task ForCapabilityRequiringAnInvalidId_TriggersInsteadOfUndeclaredDependency() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("reports", "1.0.0", Description = "Reports")]
        [Capability("cost-report", Requires = [[|"Pricing"|], [|null|]])]
        public sealed class ReportsModule : LodestarModule
        {
        }
        """, Id);
}

