using System.Globalization;
using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class DependencyCycleTests
{
    private const string Id = RuleIdentifiers.DependencyCycle;

    [Fact]
    public Task ForTwoModulesDependingOnEachOther_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        [DependsOn([|"billing"|])]
        public sealed class OrdersModule : LodestarModule
        {
        }

        [Module("billing", "1.0.0", Description = "Bills orders")]
        [DependsOn([|"orders"|])]
        public sealed class BillingModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForCycleThroughAnOptionalDependency_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        [DependsOn([|"billing"|], Optional = true)]
        public sealed class OrdersModule : LodestarModule
        {
        }

        [Module("billing", "1.0.0", Description = "Bills orders")]
        [DependsOn([|"orders"|])]
        public sealed class BillingModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForCycleThroughAReferencedModule_Triggers() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;

        // The referenced 'pricing' module depends on 'billing' (optionally).
        [Module("billing", "1.0.0", Description = "Bills usage")]
        [DependsOn([|"pricing"|])]
        public sealed class BillingModule : LodestarModule
        {
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);

    [Fact]
    public Task ForModuleLeadingIntoACycleButNotOnIt_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("a", "1.0.0", Description = "A")]
        [DependsOn({|LODE007:"b"|})]
        public sealed class AModule : LodestarModule
        {
        }

        [Module("b", "1.0.0", Description = "B")]
        [DependsOn({|LODE007:"a"|})]
        public sealed class BModule : LodestarModule
        {
        }

        [Module("c", "1.0.0", Description = "C depends on the cycle but is not part of it")]
        [DependsOn("a")]
        public sealed class CModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForDependencyChain_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("a", "1.0.0", Description = "A")]
        [DependsOn("b")]
        [DependsOn("c", Optional = true)]
        public sealed class AModule : LodestarModule
        {
        }

        [Module("b", "1.0.0", Description = "B")]
        [DependsOn("c")]
        public sealed class BModule : LodestarModule
        {
        }

        [Module("c", "1.0.0", Description = "C")]
        public sealed class CModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public async Task ForThreeModuleCycle_SpellsOutTheCycleFromEachModule()
    {
        var compilation = TestCompilation.Create("""
            using Lodestar.Modules;

            [Module("a", "1.0.0", Description = "A")]
            [DependsOn("b")]
            public sealed class AModule : LodestarModule
            {
            }

            [Module("b", "1.0.0", Description = "B")]
            [DependsOn("c")]
            public sealed class BModule : LodestarModule
            {
            }

            [Module("c", "1.0.0", Description = "C")]
            [DependsOn("a")]
            public sealed class CModule : LodestarModule
            {
            }
            """);

        var messages = (await AnalyzerRunner.RunAsync(compilation))
            .Select(d => d.GetMessage(CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Module 'a' is part of a dependency cycle: a -> b -> c -> a; remove one [DependsOn] or move the shared part into a module of its own",
                "Module 'b' is part of a dependency cycle: b -> c -> a -> b; remove one [DependsOn] or move the shared part into a module of its own",
                "Module 'c' is part of a dependency cycle: c -> a -> b -> c; remove one [DependsOn] or move the shared part into a module of its own",
            ],
            messages);
    }
}
