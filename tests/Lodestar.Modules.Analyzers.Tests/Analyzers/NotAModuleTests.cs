using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class NotAModuleTests
{
    private const string Id = RuleIdentifiers.NotAModule;

    [Fact]
    public Task ForModuleAttributeOnAClassNotDerivingFromLodestarModule_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [[|Module("storage", "1.0.0", Description = "Stores things")|]]
        public sealed class StorageService
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleAttributeOnAnAbstractClass_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [[|Module("storage", "1.0.0", Description = "Stores things")|]]
        public abstract class StorageModuleBase : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleAttributeOnAGenericClass_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        [[|Module("repository", "1.0.0", Description = "Stores entities")|]]
        public sealed class RepositoryModule<TEntity> : LodestarModule
        {
        }
        """, Id);

    [Fact]
    public Task ForModuleAttributeOnAClassNestedInAGenericClass_Triggers() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        public static class Repository<TEntity>
        {
            [[|Module("repository", "1.0.0", Description = "Stores entities")|]]
            public sealed class StoreModule : LodestarModule
            {
            }
        }
        """, Id);

    [Fact]
    public Task ForModuleAttributeOnANestedConcreteModule_DoesNotTrigger() => AnalyzerVerifier.VerifyAsync("""
        using Lodestar.Modules;

        public static class Features
        {
            [Module("storage", "1.0.0", Description = "Stores things")]
            public sealed class StorageModule : LodestarModule
            {
            }
        }
        """, Id);
}
