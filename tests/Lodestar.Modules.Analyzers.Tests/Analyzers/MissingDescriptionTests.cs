using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class MissingDescriptionTests
{
    private const string Id = RuleIdentifiers.MissingDescription;

    [Fact]
    public Task ForModuleWithoutDescription_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [[|Module("storage", "1.0.0")|]]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("null")]
    public Task ForEmptyDescription_Triggers(string description) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", [|Description = {{description}}|])]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleWithDescription_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores module data in SQLite")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);
}
