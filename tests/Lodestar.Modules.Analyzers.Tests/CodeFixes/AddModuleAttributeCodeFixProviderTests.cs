using Lodestar.Modules.Analyzers.Tests.Support;
using Lodestar.Modules.CodeFixes;

namespace Lodestar.Modules.Analyzers.Tests.CodeFixes;

public sealed class AddModuleAttributeCodeFixProviderTests
{
    private static readonly AddModuleAttributeCodeFixProvider Fix = new();

    [Fact]
    public Task AddModuleAttribute_ModuleClass_AddsKebabCaseIdVersionAndDescription() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        """
        using Lodestar.Modules;

        namespace Shop;

        public sealed class [|UsageTrackerModule|] : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        namespace Shop;

        [Module("usage-tracker", "1.0.0", Description = "Usage tracker")]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }
        """,
        "Add [Module(\"usage-tracker\", \"1.0.0\")]");

    [Fact]
    public Task AddModuleAttribute_NestedClassWithDocCommentAndAttributes_KeepsTheCommentOnTopAndTheIndentation() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        """
        using System;
        using Lodestar.Modules;

        public static class Features
        {
            /// <summary>Talks HTTP.</summary>
            [Obsolete("Use the v2 gateway")]
            internal sealed class [|HTTPGatewayModule|] : LodestarModule
            {
            }
        }
        """,
        """
        using System;
        using Lodestar.Modules;

        public static class Features
        {
            /// <summary>Talks HTTP.</summary>
            [Module("http-gateway", "1.0.0", Description = "Http gateway")]
            [Obsolete("Use the v2 gateway")]
            internal sealed class HTTPGatewayModule : LodestarModule
            {
            }
        }
        """);

    [Fact]
    public Task AddModuleAttribute_FileWithoutTheSdkNamespaceImported_WritesTheQualifiedName() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        """
        namespace Shop
        {
            public sealed class [|Orders|] : Lodestar.Modules.LodestarModule
            {
            }
        }
        """,
        """
        namespace Shop
        {
            [Lodestar.Modules.Module("orders", "1.0.0", Description = "Orders")]
            public sealed class Orders : Lodestar.Modules.LodestarModule
            {
            }
        }
        """);

    [Fact]
    public Task AddModuleAttribute_CarriageReturnLineFeedDocument_KeepsItsLineBreaks() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        "using Lodestar.Modules;\r\n\r\npublic sealed class [|BillingModule|] : LodestarModule\r\n{\r\n}\r\n",
        "using Lodestar.Modules;\r\n\r\n[Module(\"billing\", \"1.0.0\", Description = \"Billing\")]\r\npublic sealed class BillingModule : LodestarModule\r\n{\r\n}\r\n");

    // "Lodestar.Modules.Module" would bind "Lodestar" to Acme.Lodestar, the nearest namespace of that name.
    [Fact]
    public Task AddModuleAttribute_NamespaceWithALodestarSegment_WritesTheGlobalQualifiedName() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        """
        namespace Acme.Lodestar.Billing
        {
            public sealed class [|BillingModule|] : global::Lodestar.Modules.LodestarModule
            {
            }
        }
        """,
        """
        namespace Acme.Lodestar.Billing
        {
            [global::Lodestar.Modules.Module("billing", "1.0.0", Description = "Billing")]
            public sealed class BillingModule : global::Lodestar.Modules.LodestarModule
            {
            }
        }
        """);

    // Another imported namespace has a ModuleAttribute too (e.g. Prism.Modularity): [Module] would be ambiguous (CS0104).
    [Fact]
    public Task AddModuleAttribute_AnotherImportedModuleAttribute_WritesTheQualifiedName() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.MissingModuleAttribute,
        """
        using Lodestar.Modules;
        using Other.Modularity;

        namespace Other.Modularity
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ModuleAttribute : System.Attribute
            {
            }
        }

        namespace Shop
        {
            public sealed class [|BillingModule|] : LodestarModule
            {
            }
        }
        """,
        """
        using Lodestar.Modules;
        using Other.Modularity;

        namespace Other.Modularity
        {
            [System.AttributeUsage(System.AttributeTargets.Class)]
            public sealed class ModuleAttribute : System.Attribute
            {
            }
        }

        namespace Shop
        {
            [Lodestar.Modules.Module("billing", "1.0.0", Description = "Billing")]
            public sealed class BillingModule : LodestarModule
            {
            }
        }
        """);
}
