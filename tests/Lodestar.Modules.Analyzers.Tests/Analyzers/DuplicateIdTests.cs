using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class DuplicateIdTests
{
    private const string Id = RuleIdentifiers.DuplicateId;

    [Fact]
    public Task ForTwoModulesSharingAnIdInTheCompilation_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module([|"storage"|], "1.0.0", Description = "Stores things")]
        public sealed class SqliteStorageModule : LodestarModule
        {
        }

        [Module([|"storage"|], "2.0.0", Description = "Stores things elsewhere")]
        public sealed class FileStorageModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleSharingAnIdWithAReferencedAssembly_Triggers() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;

        [Module([|"storage"|], "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);

    [Fact]
    public Task ForDistinctIds_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync(
        """
        using Lodestar.Modules;

        [Module("billing", "1.0.0", Description = "Bills usage")]
        public sealed class BillingModule : LodestarModule
        {
        }
        """,
        Id,
        [ReferencedAssemblies.Storage]);

    [Fact]
    public async Task ForDuplicateId_NamesBothClassesInTheMessage()
    {
        var compilation = TestCompilation.Create(
            "TestModules",
            ["""
            using Lodestar.Modules;

            [Module("storage", "1.0.0", Description = "Stores things")]
            public sealed class StorageModule : LodestarModule
            {
            }
            """],
            [ReferencedAssemblies.Storage]);

        var diagnostic = Assert.Single(await AnalyzerRunner.RunAsync(compilation));

        Assert.Equal(
            "Module id 'storage' is declared by both 'StorageModule' and 'Shared.Storage.SqliteStorageModule'; give each module its own id",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
