using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class InvalidVersionTests
{
    private const string Id = RuleIdentifiers.InvalidVersion;

    [Theory]
    [InlineData("1.0")]
    [InlineData("1")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-beta_1")]
    [InlineData("1.0.0-01")]
    [InlineData("")]
    [InlineData("latest")]
    public Task ForVersionNotSemVer_Triggers(string version) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("storage", [|"{{version}}"|], Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("0.0.1")]
    [InlineData("10.20.30")]
    [InlineData("1.2.3-beta.1")]
    [InlineData("1.0.0-alpha-1+sha.5114f85")]
    [InlineData("1.0.0+20260101")]
    public Task ForSemVerVersion_DoesNotTrigger(string version) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("storage", "{{version}}", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    // C# 7.2 allows a named argument in its own position followed by positional ones.
    [Fact]
    public Task ForIdGivenAsNamedArgumentInItsPosition_UnderlinesTheVersion() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module(id: "storage", [|"1.0"|], Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);
}
