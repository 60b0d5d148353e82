using Lodestar.Modules;
using Lodestar.Samples.UsageTracker.Modules;

namespace Lodestar.Samples.WebHost.Tests;

/// <summary>The sample is built with the SDK's analyzers and generator, as a consumer's app is, so its modules start from generated manifests.</summary>
public sealed class GeneratedManifestTests
{
    [Theory]
    [InlineData(typeof(StorageModule), "storage")]
    [InlineData(typeof(PricingModule), "pricing")]
    [InlineData(typeof(UsageTrackerModule), "usage-tracker")]
    [InlineData(typeof(AlertsModule), "alerts")]
    public void SampleModule_HasAGeneratedManifest(Type moduleType, string id)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(moduleType.Module.ModuleHandle);

        Assert.True(GeneratedModuleManifests.TryGet(moduleType, out var factory), $"{moduleType.Name} has no generated manifest");
        Assert.Equal(id, factory().Value.Id);
    }
}
