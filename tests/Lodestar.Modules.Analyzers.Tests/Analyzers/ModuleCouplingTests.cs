using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class ModuleCouplingTests
{
    private const string Id = RuleIdentifiers.ModuleCoupling;

    private const string Billing = """

        [Module("billing", "1.0.0", Description = "Bills usage")]
        public sealed class BillingModule : LodestarModule
        {
            public static decimal Rate => 0.1m;
        }
        """;

    [Fact]
    public Task ForModuleCreatingAnotherModule_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly object _billing = new [|BillingModule|]();
        }
        """ + Billing, Id);

    [Fact]
    public Task ForModuleUsingAnotherModuleInSignaturesAndBodies_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using System;
        using System.Collections.Generic;
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly List<[|BillingModule|]> _billing = [];

            public decimal Price(decimal amount) => amount * [|BillingModule|].Rate;

            public Type Target => typeof([|BillingModule|]);

            public bool IsBilling(object module) => module is [|BillingModule|];
        }
        """ + Billing, Id);

    [Fact]
    public Task ForTypeNestedInAModule_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            private sealed class Helper
            {
                public decimal Rate => [|BillingModule|].Rate;
            }
        }
        """ + Billing, Id);

    [Fact]
    public Task ForModuleOfAReferencedAssembly_Triggers() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;
        using Shared.Storage;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        [DependsOn("storage")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly LodestarModule _storage = new [|SqliteStorageModule|]();
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);

    [Fact]
    public Task ForModuleUsingItselfItsBaseAndContracts_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        public sealed record InvoiceCreated(decimal Amount);

        public abstract class ShopModuleBase : LodestarModule
        {
        }

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : ShopModuleBase
        {
            public static OrdersModule Create() => new OrdersModule();

            public InvoiceCreated Invoice(decimal amount) => new(amount);

            public string Name => nameof(OrdersModule) + nameof(ShopModuleBase);
        }
        """ + Billing, Id);

    [Fact]
    public Task ForHostCodeOutsideModules_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
        }

        public static class Host
        {
            public static LodestarModule[] Modules() => [new OrdersModule(), new BillingModule()];
        }
        """ + Billing, Id);

    [Fact]
    public Task ForNamesWrittenWithAtOrEscapes_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            public decimal Verbatim => [|@BillingModule|].Rate;
            public decimal Escaped => [|Billing\u004Dodule|].Rate;
            public decimal Qualified => global::[|BillingModule|].Rate;
        }
        """ + Billing, Id);

    [Fact]
    public Task ForModuleUsingAnotherModuleThroughAnAlias_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;
        using Billing = global::BillingModule;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly object _billing = new [|Billing|]();

            public decimal Price(decimal amount) => amount * [|Billing|].Rate;

            public bool IsBilling(object module) => module is [|Billing|];
        }
        """ + Billing, Id);

    [Fact]
    public Task ForAliasDeclaredInTheModulesNamespace_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        namespace Shop.Orders
        {
            using Billing = global::BillingModule;

            [Module("orders", "1.0.0", Description = "Takes orders")]
            public sealed class OrdersModule : LodestarModule
            {
                public decimal Price(decimal amount) => amount * [|Billing|].Rate;
            }
        }
        """ + Billing, Id);

    [Fact]
    public Task ForGlobalAliasDeclaredInAnotherFile_Triggers() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            public decimal Price(decimal amount) => amount * [|Billing|].Rate;
        }
        """ + Billing,
        Id,
        [],
        ["global using Billing = global::BillingModule;"]);

    [Fact]
    public Task ForAliasOfATypeThatNamesAnotherModuleInside_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;
        using Billings = System.Collections.Generic.List<BillingModule>;
        using Invoice = BillingModule.Invoice;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly [|Billings|] _billings = [];

            private readonly [|Invoice|] _invoice = new();
        }

        [Module("billing", "1.0.0", Description = "Bills usage")]
        public sealed class BillingModule : LodestarModule
        {
            public sealed class Invoice
            {
            }
        }
        """, Id);

    [Fact]
    public Task ForAliasOfAModuleOfAReferencedAssembly_Triggers() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;
        using Storage = Shared.Storage.SqliteStorageModule;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        [DependsOn("storage")]
        public sealed class OrdersModule : LodestarModule
        {
            private readonly LodestarModule _storage = new [|Storage|]();
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);

    [Fact]
    public Task ForAliasesOfItselfItsBaseAndOtherTypes_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;
        using Base = Lodestar.Modules.LodestarModule;
        using Self = OrdersModule;
        using Names = System.Collections.Generic.List<string>;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : Base
        {
            public static Self Create() => new Self();

            public Names Known { get; } = [];
        }
        """ + Billing, Id);

    [Fact]
    public Task ForModuleDerivingFromAnAliasOfLodestarModule_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Base = global::Lodestar.Modules.LodestarModule;
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : Base
        {
            private readonly object _billing = new [|BillingModule|]();
        }
        """ + Billing, Id);

    [Fact]
    public Task ForNamesInCommentsAndStrings_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("orders", "1.0.0", Description = "Takes orders")]
        public sealed class OrdersModule : LodestarModule
        {
            // BillingModule is only mentioned here.
            /// <summary>Not <see cref="BillingModule"/>.</summary>
            public string Text => "BillingModule" + $"{1}BillingModule" + @"BillingModule";
        #if NEVER_DEFINED
            private readonly BillingModule _billing = new();
        #endif
        }
        """ + Billing, Id);
}
