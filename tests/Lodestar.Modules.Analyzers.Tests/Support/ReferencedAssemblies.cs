using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>Module assemblies compiled once and referenced by tests, to check what the analyzers see across assemblies.</summary>
internal static class ReferencedAssemblies
{
    private static readonly Lazy<MetadataReference> LazyStorage = new(() => TestCompilation.EmitReference("Shared.Storage", """
        using Lodestar.Modules;

        namespace Shared.Storage;

        [Module("storage", "1.0.0", Description = "Stores module data")]
        public sealed class SqliteStorageModule : LodestarModule
        {
        }

        [Module("pricing", "1.0.0", Description = "Prices usage")]
        [DependsOn("billing", Optional = true)]
        public sealed class PricingModule : LodestarModule
        {
        }
        """));

    /// <summary>Gets an assembly with module <c>storage</c> and <c>pricing</c> (optionally depends on <c>billing</c>).</summary>
    public static MetadataReference Storage => LazyStorage.Value;
}
