using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Declaration;

public sealed class GeneratedModuleManifestsTests
{
    private static readonly IConfiguration EmptyConfiguration = new ConfigurationBuilder().Build();

    // No [Module]: the reflection reader would reject this type, so a successful AddModule proves
    // the builder took the registered (generated) manifest and read no attribute.
    private sealed class GeneratedOnlyModule : LodestarModule;

    [Module("from-attributes", "1.0.0", Description = "Read by reflection")]
    private sealed class DeclaredAndGeneratedModule : LodestarModule;

    private sealed class InvalidGeneratedModule : LodestarModule;

    [Module("reflected", "1.0.0", Description = "Read by reflection")]
    private sealed class ReflectedModule : LodestarModule;

    [Fact]
    public void AddModule_GeneratedManifestRegistered_UsesItWithoutReadingAttributes()
    {
        GeneratedModuleManifests.Register(
            typeof(GeneratedOnlyModule),
            () => ModuleManifest.Create(typeof(GeneratedOnlyModule), "generated-only", "2.0.0", "Written by the generator"));
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);
        var module = new GeneratedOnlyModule();

        builder.AddModule(module);

        Assert.Equal("generated-only@2.0.0", module.Manifest.ToString());
        Assert.Equal("Written by the generator", module.Manifest.Description);
    }

    [Fact]
    public void AddModuleOfT_GeneratedManifestRegistered_PrefersItOverTheAttributes()
    {
        GeneratedModuleManifests.Register(
            typeof(DeclaredAndGeneratedModule),
            () => ModuleManifest.Create(typeof(DeclaredAndGeneratedModule), "from-generator", "1.0.0"));
        var services = new ServiceCollection();

        services.AddLodestarModulesCore(EmptyConfiguration).AddModule<DeclaredAndGeneratedModule>();

        var registry = Assert.Single(services, d => d.ServiceType == typeof(ModuleRegistry)).ImplementationInstance as ModuleRegistry;
        Assert.Equal("from-generator", Assert.Single(registry!.Registrations).Manifest.Id);
    }

    [Fact]
    public void AddModule_GeneratedManifestInvalid_ThrowsItsValidationMessage()
    {
        GeneratedModuleManifests.Register(
            typeof(InvalidGeneratedModule),
            () => ModuleManifest.Create(typeof(InvalidGeneratedModule), "Invalid_Id", "1.0.0"));
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.AddModule(new InvalidGeneratedModule()));

        Assert.Contains("'Invalid_Id'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModule_NoGeneratedManifest_FallsBackToTheAttributes()
    {
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);
        var module = new ReflectedModule();

        builder.AddModule(module);

        Assert.False(GeneratedModuleManifests.TryGet(typeof(ReflectedModule), out _));
        Assert.Equal("reflected@1.0.0", module.Manifest.ToString());
    }

    [Fact]
    public void Register_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => GeneratedModuleManifests.Register(null!, () => default));
        Assert.Throws<ArgumentNullException>(() => GeneratedModuleManifests.Register(typeof(ReflectedModule), null!));
        Assert.Throws<ArgumentNullException>(() => GeneratedModuleManifests.TryGet(null!, out _));
    }
}
