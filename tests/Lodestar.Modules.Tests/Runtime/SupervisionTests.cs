using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class SupervisionTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task FailedStart_IsRestartedWithExponentialBackoffUntilItRuns()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(storage.Starts < 3 ? Crash : Result.Success());
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));

        await runtime.StartAllAsync();
        Assert.Equal(ModuleState.Failed, _harness.StateOf("storage"));

        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Failed, occurrence: 2);

        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await _harness.WaitForAsync("storage", ModuleState.Running);

        Assert.Equal(3, storage.Starts);
        Assert.Equal(2, _harness.Snapshot("storage").RestartCount);
    }

    [Fact]
    public async Task FailedStart_BeforeBackoffElapses_IsNotRestarted()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(storage.Starts < 2 ? Crash : Result.Success());
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));

        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromMilliseconds(999));

        Assert.Equal(1, storage.Starts);
        Assert.Equal(ModuleState.Failed, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task FailingModule_PastRestartLimit_StaysFailedUntilEnabled()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Crash);
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 2));

        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Failed, occurrence: 2);
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await _harness.WaitForAsync("storage", ModuleState.Failed, occurrence: 3);

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(3, storage.Starts);
        Assert.Equal("module.restart.limit-reached", snapshot.LastError!.Code);
        Assert.Equal(0, _harness.Time.ArmedTimerCount);

        storage.OnStart = (_, _) => new(Result.Success());
        var enabled = await runtime.EnableAsync("storage");

        Assert.True(enabled.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
        Assert.Equal(0, _harness.Snapshot("storage").RestartCount);
    }

    [Fact]
    public async Task RestartWindow_RestartsOutsideTheWindowAreForgotten()
    {
        var storage = _harness.Add("storage");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 1));
        await runtime.StartAllAsync();

        storage.Context!.ReportFailure(new IOException("first"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 2);

        _harness.Time.Advance(TimeSpan.FromMinutes(2));
        storage.Context!.ReportFailure(new IOException("second, long after"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 3);

        Assert.Equal(3, storage.Starts);
    }

    [Fact]
    public async Task NeverPolicy_FailedModuleIsNotRestarted()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Crash);
        var runtime = _harness.Build(o => o.RestartPolicies["storage"] = RestartPolicy.Never);

        await runtime.StartAllAsync();

        Assert.Equal(0, _harness.Time.ArmedTimerCount);
        Assert.Same(Crash, _harness.Snapshot("storage").LastError);
    }

    [Fact]
    public async Task DisableAsync_PendingRestart_IsCancelled()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Crash);
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        await runtime.DisableAsync("storage");
        _harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, storage.Starts);
        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task ReportFailure_UnrelatedModulesKeepRunning()
    {
        var storage = _harness.Add("storage");
        var pricing = _harness.Add("pricing");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        await runtime.StartAllAsync();

        storage.Context!.ReportFailure(new IOException("background loop died"));
        await _harness.WaitForAsync("storage", ModuleState.Failed);

        Assert.Equal("module.fault", _harness.Snapshot("storage").LastError!.Code);
        Assert.Equal(1, storage.Stops);
        Assert.Equal(ModuleState.Running, _harness.StateOf("pricing"));
        Assert.Equal(0, pricing.Stops);
    }

    [Fact]
    public async Task DisableThenEnable_AfterRestartLimit_GivesAFreshRestartBudget()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Crash);
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 1));
        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Failed, occurrence: 2);
        Assert.Equal("module.restart.limit-reached", _harness.Snapshot("storage").LastError!.Code);

        await runtime.DisableAsync("storage");
        storage.OnStart = (_, _) => new(storage.Starts < 4 ? Crash : Result.Success()); // fails once more, then runs
        await runtime.EnableAsync("storage");

        // Enabled again (like EnableAsync straight from Failed): the one allowed restart is available.
        Assert.Equal("storage.crash", _harness.Snapshot("storage").LastError!.Code);
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running);
    }

    [Fact]
    public async Task SupervisedRestart_Reason_CountsRestartsWithinTheWindow()
    {
        var storage = _harness.Add("storage");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 1));
        await runtime.StartAllAsync();

        storage.Context!.ReportFailure(new IOException("first"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 2);
        _harness.Time.Advance(TimeSpan.FromMinutes(2));
        storage.Context!.ReportFailure(new IOException("second, long after"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 3);

        var reasons = _harness.Changes.Where(c => c.Trigger == ModuleTrigger.Restart).Select(c => c.Reason ?? "(none)").ToArray();
        Assert.Equal(["restart 1 of 1", "restart 1 of 1"], reasons); // the second is the first restart of a new window, not "2 of 1"
    }
}
