using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class CapabilityTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private TestModule AddTracker() => _harness.Add(
        "usage-tracker",
        optional: ["pricing"],
        capabilities: [new ModuleCapability("cost-report", ["pricing"]), new ModuleCapability("usage-report")]);

    [Fact]
    public async Task Capability_RequiredDependencyRunning_IsActive()
    {
        _harness.Add("pricing");
        var tracker = AddTracker();
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(["cost-report", "usage-report"], _harness.Snapshot("usage-tracker").ActiveCapabilities);
        Assert.True(tracker.Context!.IsCapabilityActive("cost-report"));
    }

    [Fact]
    public async Task Capability_RequiredDependencyDisabled_IsInactive()
    {
        _harness.Add("pricing");
        var tracker = AddTracker();
        _harness.Settings["Lodestar:Modules:pricing:Enabled"] = "false";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(["usage-report"], _harness.Snapshot("usage-tracker").ActiveCapabilities);
        Assert.False(tracker.Context!.IsCapabilityActive("cost-report"));
    }

    [Fact]
    public async Task Capability_DependencyStopsAtRunTime_Deactivates()
    {
        _harness.Add("pricing");
        var tracker = AddTracker();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("pricing");

        Assert.False(tracker.Context!.IsCapabilityActive("cost-report"));
        Assert.Equal(["usage-report"], _harness.Snapshot("usage-tracker").ActiveCapabilities);
    }

    [Fact]
    public async Task Capability_ModuleNotRunning_NoneActive()
    {
        _harness.Add("pricing");
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Enabled"] = "false";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Empty(_harness.Snapshot("usage-tracker").ActiveCapabilities);
    }

    [Fact]
    public async Task IsCapabilityActive_UndeclaredName_ThrowsNamingModuleAndCapability()
    {
        var tracker = AddTracker();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var thrown = Assert.Throws<ArgumentException>(() => tracker.Context!.IsCapabilityActive("forecast"));

        Assert.Contains("'usage-tracker'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("'forecast'", thrown.Message, StringComparison.Ordinal);
    }
}
