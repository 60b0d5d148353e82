using Lodestar.Modules.Analyzers.Tests.Support;
using Lodestar.Modules.CodeFixes;

namespace Lodestar.Modules.Analyzers.Tests.CodeFixes;

public sealed class ModuleVersionCodeFixProviderTests
{
    private static readonly ModuleVersionCodeFixProvider Fix = new();

    [Theory]
    [InlineData("1.2", "1.2.0")]
    [InlineData("v2.0.1", "2.0.1")]
    [InlineData("01.02.03", "1.2.3")]
    [InlineData("1.0.0.4", "1.0.0")]
    [InlineData("1.0.0-beta_2", "1.0.0-beta-2")]
    [InlineData("latest", "1.0.0")]
    public Task FixVersion_InvalidVersion_RewritesToTheNearestSemVer(string version, string fixedVersion) => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidVersion,
        $$"""
        using Lodestar.Modules;

        [Module("storage", [|"{{version}}"|], Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """,
        $$"""
        using Lodestar.Modules;

        [Module("storage", "{{fixedVersion}}", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """,
        $"Use version '{fixedVersion}'");

    [Fact]
    public Task FixVersion_IdGivenAsNamedArgumentInItsPosition_RewritesTheVersion() => CodeFixVerifier.VerifyAsync(
        Fix,
        RuleIdentifiers.InvalidVersion,
        """
        using Lodestar.Modules;

        [Module(id: "storage", [|"1.2"|], Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """,
        """
        using Lodestar.Modules;

        [Module(id: "storage", "1.2.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """,
        "Use version '1.2.0'");
}
