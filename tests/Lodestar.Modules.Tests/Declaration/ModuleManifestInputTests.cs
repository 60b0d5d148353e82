namespace Lodestar.Modules.Tests.Declaration;

/// <summary>What <see cref="ModuleManifest.Create"/> accepts: timeouts a timer can wait for, ASCII-digit versions, and lists copied when validated.</summary>
public sealed class ModuleManifestInputTests
{
    private sealed class ProbeModule : LodestarModule;

    [Theory]
    [InlineData("1\u0661.0.0")]
    [InlineData("1.0.0-1\u0661")]
    [InlineData("1.0.0-\u0661a")]
    [InlineData("1.2\u0663.0")]
    public void Create_VersionWithNonAsciiDigits_IsRejectedAsNotSemVer(string version)
    {
        var manifest = ModuleManifest.Create(typeof(ProbeModule), "probe", version);

        Assert.True(manifest.IsFailure, $"'{version}' is not SemVer 2.0 (digits are ASCII 0-9) but was accepted.");
        Assert.Equal("module.declaration.invalid-version", manifest.Error!.Code);
    }

    [Fact]
    public void Create_DependencyListChangedAfterValidation_DoesNotChangeTheManifest()
    {
        var dependencies = new List<ModuleDependency> { new("storage", Optional: false) };
        var manifest = ModuleManifest.Create(typeof(ProbeModule), "probe", "1.0.0", dependencies: dependencies).Value;

        dependencies.Add(new ModuleDependency("probe", Optional: false));

        Assert.Single(manifest.Dependencies);
    }

    [Fact]
    public void Create_CapabilityListChangedAfterValidation_DoesNotChangeTheManifest()
    {
        var capabilities = new List<ModuleCapability> { new("report") };
        var manifest = ModuleManifest.Create(typeof(ProbeModule), "probe", "1.0.0", capabilities: capabilities).Value;

        capabilities.Add(new ModuleCapability("Not Valid!"));

        Assert.Single(manifest.Capabilities);
    }

    [Theory]
    [InlineData(5_000_000, 5)]
    [InlineData(int.MaxValue, 5)]
    [InlineData(30, int.MaxValue)]
    public void Create_ShutdownSecondsTheRuntimeCannotWaitFor_AreRejected(int graceful, int force)
    {
        var manifest = ModuleManifest.Create(typeof(ProbeModule), "probe", "1.0.0", gracefulStopSeconds: graceful, forceStopSeconds: force);

        if (manifest.IsSuccess)
        {
            // The runtime bounds StopAsync and ForceStop with exactly these timeouts.
            var exception = Record.Exception(() =>
            {
                using var graceTimer = new CancellationTokenSource(manifest.Value.GracefulStopTimeout, TimeProvider.System);
                using var forceTimer = new CancellationTokenSource(manifest.Value.ForceStopTimeout, TimeProvider.System);
            });
            Assert.Null(exception);
        }
    }

    [Fact]
    public void Create_HealthCheckSecondsTheRuntimeCannotWaitFor_AreRejected()
    {
        var manifest = ModuleManifest.Create(typeof(ProbeModule), "probe", "1.0.0", healthCheckIntervalSeconds: int.MaxValue, healthCheckTimeoutSeconds: int.MaxValue);

        if (manifest.IsSuccess)
        {
            var exception = Record.Exception(() =>
            {
                using var timer = new CancellationTokenSource(manifest.Value.HealthCheckTimeout, TimeProvider.System);
            });
            Assert.Null(exception);
        }
    }
}
