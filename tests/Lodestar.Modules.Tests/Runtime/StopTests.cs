using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class StopTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StopAll_CooperativeModule_StopsGracefullyToDisabled()
    {
        var storage = _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.StopAllAsync();

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(1, storage.Stops);
        Assert.Equal(0, storage.ForceStops);
        Assert.Null(_harness.Snapshot("storage").LastError);
    }

    [Fact]
    public async Task StopAll_GracefulStopOverruns_ForcesTheModule()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage", gracefulSeconds: 12);
        storage.OnStop = (_, _) =>
        {
            entered.SetResult();
            return new ValueTask(new TaskCompletionSource().Task); // ignores its token and never ends
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var stopping = runtime.StopAllAsync().AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard); // the graceful timeout is armed before StopAsync is called
        _harness.Time.Advance(TimeSpan.FromSeconds(12));
        await stopping.WaitAsync(RuntimeHarness.Guard);

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(ModuleState.Disabled, snapshot.State);
        Assert.Equal(1, storage.ForceStops);
        Assert.Equal("module.stop.timeout", snapshot.LastError!.Code);
    }

    [Fact]
    public async Task StopAll_StopThrows_ForcesTheModuleAndKeepsTheError()
    {
        var storage = _harness.Add("storage");
        storage.OnStop = (_, _) => throw new IOException("flush failed");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.StopAllAsync();

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(ModuleState.Disabled, snapshot.State);
        Assert.Equal(1, storage.ForceStops);
        Assert.Equal("module.stop.exception", snapshot.LastError!.Code);
        Assert.IsType<IOException>(snapshot.LastError.Exception);
    }

    [Fact]
    public async Task StopAll_ForceStopOverruns_AbandonsTheModuleWithoutHanging()
    {
        using var release = new ManualResetEventSlim();
        var storage = _harness.Add("storage", forceSeconds: 7);
        storage.OnStop = (_, _) => throw new IOException("flush failed");
        storage.OnForceStop = () => release.Wait(); // blocks until the test ends
        var other = _harness.Add("pricing");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        try
        {
            var stopping = runtime.StopAllAsync().AsTask();
            await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
            _harness.Time.Advance(TimeSpan.FromSeconds(7));
            await stopping.WaitAsync(RuntimeHarness.Guard);

            var snapshot = _harness.Snapshot("storage");
            Assert.Equal(ModuleState.Failed, snapshot.State);
            Assert.Equal("module.stop.abandoned", snapshot.LastError!.Code);
            Assert.Equal(ModuleState.Disabled, _harness.StateOf("pricing"));
            Assert.Equal(1, other.Stops);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task StopAll_ForceStopThrows_AbandonsTheModule()
    {
        var storage = _harness.Add("storage");
        storage.OnStop = (_, _) => throw new IOException("flush failed");
        storage.OnForceStop = () => throw new InvalidOperationException("handle already closed");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.StopAllAsync();

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("module.stop.abandoned", snapshot.LastError!.Code);
        Assert.IsType<InvalidOperationException>(snapshot.LastError.Exception);
    }

    [Fact]
    public async Task StopAll_CallerCancelled_SkipsGracefulStopAndForces()
    {
        var storage = _harness.Add("storage");
        storage.OnStop = async (_, ct) => await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        using var hostGaveUp = new CancellationTokenSource();
        await hostGaveUp.CancelAsync();

        await runtime.StopAllAsync(hostGaveUp.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(1, storage.ForceStops);
    }

    [Fact]
    public async Task DisableAsync_RunningModule_StopsItToDisabled()
    {
        var storage = _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var disabled = await runtime.DisableAsync("storage");

        Assert.True(disabled.IsSuccess);
        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(1, storage.Stops);
    }

    [Fact]
    public async Task RestartAsync_RunningModule_StopsAndStartsItAgain()
    {
        var storage = _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var restarted = await runtime.RestartAsync("storage");

        Assert.True(restarted.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
        Assert.Equal(2, storage.Starts);
        Assert.Equal(1, storage.Stops);
    }
}
