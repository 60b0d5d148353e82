using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class BlockedAndCascadeTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StartAll_RequiredDependencyDisabled_DependentIsBlockedListingIt()
    {
        _harness.Add("storage");
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("usage-tracker");
        Assert.Equal(ModuleState.Blocked, snapshot.State);
        Assert.Equal(["storage"], snapshot.MissingDependencies);
        Assert.Equal(0, tracker.Starts);
    }

    [Fact]
    public async Task EnableAsync_MissingDependency_ResumesTheBlockedDependent()
    {
        _harness.Add("storage");
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var enabled = await runtime.EnableAsync("storage");

        Assert.True(enabled.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("usage-tracker"));
        Assert.Empty(_harness.Snapshot("usage-tracker").MissingDependencies);
        Assert.Equal(1, tracker.Starts);
    }

    [Fact]
    public async Task StartAll_RequiredDependencyFailed_DependentIsBlocked()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Error.Unavailable("storage.locked", "locked"));
        _harness.Add("usage-tracker", requires: ["storage"]);
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        Assert.Equal(ModuleState.Blocked, _harness.StateOf("usage-tracker"));
    }

    [Fact]
    public async Task DisableAsync_Dependency_StopsDependentsFirstAndBlocksThem()
    {
        var order = new List<string>();
        var storage = _harness.Add("storage");
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        var alerts = _harness.Add("alerts", requires: ["usage-tracker"]);
        foreach (var module in new[] { storage, tracker, alerts })
        {
            module.OnStop = (context, _) =>
            {
                order.Add(context.ModuleId);
                return default;
            };
        }

        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("storage");

        Assert.Equal(["alerts", "usage-tracker", "storage"], order);
        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(ModuleState.Blocked, _harness.StateOf("usage-tracker"));
        Assert.Equal(ModuleState.Blocked, _harness.StateOf("alerts"));
        Assert.Equal(["storage"], _harness.Snapshot("usage-tracker").MissingDependencies);
        Assert.Equal(["usage-tracker"], _harness.Snapshot("alerts").MissingDependencies);
    }

    [Fact]
    public async Task EnableAsync_AfterCascade_ResumesTheWholeChain()
    {
        _harness.Add("storage");
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        var alerts = _harness.Add("alerts", requires: ["usage-tracker"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        await runtime.DisableAsync("storage");

        await runtime.EnableAsync("storage");

        Assert.All(runtime.GetSnapshots(), s => Assert.Equal(ModuleState.Running, s.State));
        Assert.Equal(2, tracker.Starts);
        Assert.Equal(2, alerts.Starts);
    }

    [Fact]
    public async Task ReportFailure_Dependency_BlocksDependentsThenResumesThemAfterRestart()
    {
        var storage = _harness.Add("storage");
        _harness.Add("usage-tracker", requires: ["storage"]);
        _harness.Add("unrelated");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = new RestartPolicy { MaxRestarts = 1, InitialBackoff = TimeSpan.FromSeconds(3) });
        await runtime.StartAllAsync();

        storage.Context!.ReportFailure(new IOException("lost the file handle"));
        await _harness.WaitForAsync("storage", ModuleState.Failed);

        Assert.Equal(ModuleState.Blocked, _harness.StateOf("usage-tracker"));
        Assert.Equal(ModuleState.Running, _harness.StateOf("unrelated"));

        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        _harness.Time.Advance(TimeSpan.FromSeconds(3));
        await _harness.WaitForAsync("usage-tracker", ModuleState.Running, occurrence: 2);

        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task DisableAsync_BlockedModule_GoesDisabledAndStaysOffWhenDependencyReturns()
    {
        _harness.Add("storage");
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("usage-tracker");
        await runtime.EnableAsync("storage");

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("usage-tracker"));
        Assert.Equal(0, tracker.Starts);
    }

    [Fact]
    public async Task OptionalDependencyStops_DependentKeepsRunning()
    {
        _harness.Add("pricing");
        var tracker = _harness.Add("usage-tracker", optional: ["pricing"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("pricing");

        Assert.Equal(ModuleState.Running, _harness.StateOf("usage-tracker"));
        Assert.Equal(0, tracker.Stops);
    }
}
