using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class SelfDependencyTests
{
    private const string Id = RuleIdentifiers.SelfDependency;

    [Fact]
    public Task ForModuleDependingOnItself_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        [DependsOn([|"storage"|], Optional = true)]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleDependingOnAnotherModule_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        public sealed class StorageModule : LodestarModule
        {
        }

        [Module("storage.backup", "1.0.0", Description = "Backs up the store")]
        [DependsOn("storage")]
        public sealed class BackupModule : LodestarModule
        {
        }
        """, Id);
}
