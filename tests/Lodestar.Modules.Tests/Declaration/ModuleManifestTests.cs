using Lodestar.Results;

namespace Lodestar.Modules.Tests.Declaration;

public sealed class ModuleManifestTests
{
    [Module("usage-tracker", "1.2.0", Description = "Records model usage and cost")]
    [DependsOn("storage")]
    [DependsOn("pricing", Optional = true)]
    [Capability("cost-report", Requires = ["pricing"])]
    [HealthCheck(IntervalSeconds = 20, TimeoutSeconds = 4)]
    [Shutdown(GracefulSeconds = 12, ForceSeconds = 3)]
    private sealed class FullyDeclaredModule : LodestarModule;

    [Module("plain", "0.1.0")]
    private sealed class PlainModule : LodestarModule;

    private sealed class UndeclaredModule : LodestarModule;

    [Module("Bad_Id", "1.0.0")]
    private sealed class BadIdModule : LodestarModule;

    [Module("bad-version", "1.0")]
    private sealed class BadVersionModule : LodestarModule;

    [Module("self", "1.0.0")]
    [DependsOn("self")]
    private sealed class SelfDependentModule : LodestarModule;

    [Module("reporter", "1.0.0")]
    [Capability("report", Requires = ["pricing"])]
    private sealed class UndeclaredCapabilityDependencyModule : LodestarModule;

    [Module("reporter", "1.0.0")]
    [Capability("report", Requires = ["Pricing"])]
    private sealed class CapabilityRequiringAnInvalidIdModule : LodestarModule;

    [Module("pricing", "1.0.0")]
    [Capability("price-history", Requires = ["pricing"])]
    private sealed class CapabilityRequiringItsOwnModule : LodestarModule;

    [Module("slow-check", "1.0.0")]
    [HealthCheck(IntervalSeconds = 5, TimeoutSeconds = 10)]
    private sealed class InconsistentHealthCheckModule : LodestarModule;

    [Module("zero-stop", "1.0.0")]
    [Shutdown(GracefulSeconds = 0)]
    private sealed class ZeroGracefulStopModule : LodestarModule;

    [Fact]
    public void FromAttributes_FullyDeclaredModule_ReadsEveryAttribute()
    {
        var manifest = ModuleManifest.FromAttributes(typeof(FullyDeclaredModule)).Value;

        Assert.Equal("usage-tracker", manifest.Id);
        Assert.Equal("1.2.0", manifest.Version);
        Assert.Equal("Records model usage and cost", manifest.Description);
        Assert.Equal([new ModuleDependency("storage", false), new ModuleDependency("pricing", true)], manifest.Dependencies);
        var capability = Assert.Single(manifest.Capabilities);
        Assert.Equal("cost-report", capability.Name);
        Assert.Equal(["pricing"], capability.Requires);
        Assert.Equal(TimeSpan.FromSeconds(20), manifest.HealthCheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), manifest.HealthCheckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(12), manifest.GracefulStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), manifest.ForceStopTimeout);
        Assert.Equal(typeof(FullyDeclaredModule), manifest.ModuleType);
    }

    [Fact]
    public void FromAttributes_NoOptionalAttributes_UsesDefaults()
    {
        var manifest = ModuleManifest.FromAttributes(typeof(PlainModule)).Value;

        Assert.Null(manifest.Description);
        Assert.Empty(manifest.Dependencies);
        Assert.Empty(manifest.Capabilities);
        Assert.Equal(TimeSpan.FromSeconds(30), manifest.HealthCheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), manifest.HealthCheckTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), manifest.GracefulStopTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), manifest.ForceStopTimeout);
    }

    [Theory]
    [InlineData(typeof(UndeclaredModule), "module.declaration.missing-module-attribute", "[Module(")]
    [InlineData(typeof(BadIdModule), "module.declaration.invalid-id", "'Bad_Id'")]
    [InlineData(typeof(BadVersionModule), "module.declaration.invalid-version", "SemVer")]
    [InlineData(typeof(SelfDependentModule), "module.declaration.self-dependency", "depends on itself")]
    [InlineData(typeof(UndeclaredCapabilityDependencyModule), "module.declaration.undeclared-capability-dependency", "[DependsOn(\"pricing\", Optional = true)]")]
    [InlineData(typeof(CapabilityRequiringAnInvalidIdModule), "module.declaration.invalid-capability-dependency", "'Pricing', which is not a valid module id")]
    [InlineData(typeof(CapabilityRequiringItsOwnModule), "module.declaration.undeclared-capability-dependency", "remove 'pricing' from Requires")]
    [InlineData(typeof(InconsistentHealthCheckModule), "module.declaration.invalid-timeout", "TimeoutSeconds = 10")]
    [InlineData(typeof(ZeroGracefulStopModule), "module.declaration.invalid-timeout", "GracefulSeconds = 0")]
    [InlineData(typeof(string), "module.declaration.not-a-module", "LodestarModule")]
    public void FromAttributes_InvalidDeclaration_ReturnsValidationErrorNamingTheFix(Type type, string code, string fragment)
    {
        var manifest = ModuleManifest.FromAttributes(type);

        Assert.True(manifest.IsFailure);
        Assert.Equal(ErrorKind.Validation, manifest.Error.Kind);
        Assert.Equal(code, manifest.Error.Code);
        Assert.Contains(fragment, manifest.Error.Message, StringComparison.Ordinal);
        Assert.Contains(type.FullName!, manifest.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("storage")]
    [InlineData("usage-tracker")]
    [InlineData("acme.billing")]
    [InlineData("a1.b2-c3")]
    public void Create_ValidId_Succeeds(string id) =>
        Assert.True(ModuleManifest.Create(typeof(PlainModule), id, "1.0.0").IsSuccess);

    [Theory]
    [InlineData("")]
    [InlineData("Storage")]
    [InlineData("1storage")]
    [InlineData("usage--tracker")]
    [InlineData("usage-")]
    [InlineData("usage tracker")]
    [InlineData("storage\n")]
    public void Create_InvalidId_Fails(string id) =>
        Assert.Equal("module.declaration.invalid-id", ModuleManifest.Create(typeof(PlainModule), id, "1.0.0").Error!.Code);

    [Theory]
    [InlineData("1.0.0-beta.1")]
    [InlineData("1.0.0+build.5")]
    [InlineData("10.20.30")]
    public void Create_SemVerVersion_Succeeds(string version) =>
        Assert.True(ModuleManifest.Create(typeof(PlainModule), "plain", version).IsSuccess);

    [Theory]
    [InlineData("1")]
    [InlineData("v1.0.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0\n")]
    public void Create_NonSemVerVersion_Fails(string version) =>
        Assert.Equal("module.declaration.invalid-version", ModuleManifest.Create(typeof(PlainModule), "plain", version).Error!.Code);

    [Fact]
    public void Create_DuplicateDependency_Fails()
    {
        var manifest = ModuleManifest.Create(typeof(PlainModule), "plain", "1.0.0",
            dependencies: [new ModuleDependency("storage", false), new ModuleDependency("storage", true)]);

        Assert.Equal("module.declaration.duplicate-dependency", manifest.Error!.Code);
    }
}
