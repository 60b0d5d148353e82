using System.Reflection;
using System.Runtime.CompilerServices;
using Lodestar.Modules.Analyzers.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Analyzers.Tests.Generation;

/// <summary>Compiles generated code for real, loads it and runs it against the real runtime.</summary>
public sealed class GeneratedRegistrationTests
{
    private const string Source = """
        using Lodestar.Modules;
        using Microsoft.Extensions.DependencyInjection;

        namespace Registration.Sample;

        [Module("inventory", "1.0.0", Description = "Counts stock")]
        [DependsOn("catalog")]
        public sealed class InventoryModule : LodestarModule
        {
            public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Manifest);
        }

        [Module("catalog", "2.1.0", Description = "Lists products")]
        [Capability("search")]
        internal sealed class CatalogModule : LodestarModule
        {
            public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Manifest);
        }

        [Module("importer", "1.0.0", Description = "Imports from a path")]
        public sealed class ImporterModule : LodestarModule
        {
            public ImporterModule(string path) => Path = path;

            public string Path { get; }
        }
        """;

    private static readonly Lazy<Assembly> Sample = new(() =>
    {
        var (_, output, _) = GeneratorRunner.Run(TestCompilation.Create("Registration.Sample", [Source]));
        return Assembly.Load([.. TestCompilation.Emit(output)]);
    });

    [Fact]
    public void AddModulesFrom_GeneratedAssembly_AddsEveryConstructibleModuleWithItsManifest()
    {
        var services = new ServiceCollection();
        var builder = services.AddLodestarModulesCore(new ConfigurationBuilder().Build());
        var extensions = Sample.Value.GetType("Lodestar.Modules.Registration_SampleLodestarModulesBuilderExtensions", throwOnError: true)!;

        var returned = extensions.GetMethod("AddModulesFromRegistration_Sample")!.Invoke(null, [builder]);

        Assert.Same(builder, returned);
        var manifests = services.Where(d => d.ServiceType == typeof(ModuleManifest)).Select(d => (ModuleManifest)d.ImplementationInstance!).ToList();
        Assert.Equal(["catalog@2.1.0", "inventory@1.0.0"], manifests.Select(m => m.ToString()).Order(StringComparer.Ordinal));
        var inventory = manifests.Single(m => m.Id == "inventory");
        Assert.Equal("Counts stock", inventory.Description);
        Assert.Equal(new ModuleDependency("catalog", false), Assert.Single(inventory.Dependencies));
        Assert.Equal("search", Assert.Single(manifests.Single(m => m.Id == "catalog").Capabilities).Name);
    }

    [Fact]
    public void ModuleInitializer_GeneratedAssemblyLoaded_RegistersEveryManifestWithTheRuntime()
    {
        var importer = Sample.Value.GetType("Registration.Sample.ImporterModule", throwOnError: true)!;
        RuntimeHelpers.RunModuleConstructor(importer.Module.ModuleHandle);

        Assert.True(GeneratedModuleManifests.TryGet(importer, out var factory));
        var manifest = factory();
        Assert.True(manifest.IsSuccess);
        Assert.Equal("importer@1.0.0", manifest.Value.ToString());
        Assert.Same(importer, manifest.Value.ModuleType);
    }

    [Fact]
    public void AddModule_InstanceOfAGeneratedModule_UsesTheRegisteredManifest()
    {
        var importerType = Sample.Value.GetType("Registration.Sample.ImporterModule", throwOnError: true)!;
        var importer = (LodestarModule)Activator.CreateInstance(importerType, "/data/import")!;
        var builder = new ServiceCollection().AddLodestarModulesCore(new ConfigurationBuilder().Build());

        builder.AddModule(importer);

        Assert.Equal("importer@1.0.0", importer.Manifest.ToString());
        Assert.Equal("Imports from a path", importer.Manifest.Description);
    }
}
