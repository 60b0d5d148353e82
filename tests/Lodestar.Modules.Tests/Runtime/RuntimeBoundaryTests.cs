using Lodestar.Modules.Tests.Support;
using Lodestar.TestSupport;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// Where a module or a caller misbehaves at the edge of a phase (blocks before its first await,
/// reports a failure late, faults after being abandoned, or gives up waiting), the runtime stays
/// bounded, logs what it abandons, and stops only the run concerned.
/// </summary>
public sealed class RuntimeBoundaryTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public RuntimeBoundaryTests() =>
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task RestartAsync_FailureReportedByTheStoppingRun_DoesNotFailTheNewRun()
    {
        // A background loop that dies because StopAsync ended it reports a failure of the old run;
        // the report is handled only after the restart, and must not kill the new run.
        var storage = _harness.Add("storage");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        await runtime.StartAllAsync();
        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _logs.OnLog = entry =>
        {
            if (entry.EventId.Id == 1007)
            {
                handled.TrySetResult(); // FailureReportIgnored
            }
        };
        runtime.StateChanged += (_, change) =>
        {
            if (change is { ModuleId: "storage", Current: ModuleState.Failed })
            {
                handled.TrySetResult();
            }
        };
        storage.OnStop = (context, _) =>
        {
            context.ReportFailure(new IOException("the background loop ended because the module is stopping"));
            return default;
        };

        var restarted = await runtime.RestartAsync("storage");
        storage.OnStop = static (_, _) => default;
        await handled.Task.WaitAsync(RuntimeHarness.Guard);

        Assert.True(restarted.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
        Assert.Equal(2, storage.Starts);
    }

    [Fact]
    public async Task StopAll_StopAsyncBlocksSynchronously_IsForcedAfterGracefulTimeoutInsteadOfHanging()
    {
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var forced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage", gracefulSeconds: 12);
        storage.OnStop = (_, _) =>
        {
            entered.TrySetResult();
            release.Wait(CancellationToken.None); // sync-over-async close, e.g. connection.Close() on a dead peer
            return default;
        };
        storage.OnForceStop = () => forced.TrySetResult();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        try
        {
            var stopping = Task.Run(() => runtime.StopAllAsync().AsTask());
            await entered.Task.WaitAsync(RuntimeHarness.Guard);
            _harness.Time.Advance(TimeSpan.FromSeconds(12));
            await forced.Task.WaitAsync(RuntimeHarness.Guard);
            await stopping.WaitAsync(RuntimeHarness.Guard);

            Assert.Equal("module.stop.timeout", _harness.Snapshot("storage").LastError!.Code);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task StopAll_CallerGivesUpWhileADisableHoldsTheRuntime_ReturnsAndLogsThatModulesMayStillRun()
    {
        var (_, release, disabling) = await GiveUpStoppingBehindADisableAsync();

        Assert.Equal(ModuleState.Running, _harness.StateOf("billing"));
        Assert.Contains(_logs.Entries, entry => entry.EventId.Id == 3002);
        release.TrySetResult();
        await disabling.WaitAsync(RuntimeHarness.Guard);
    }

    [Fact]
    public async Task StopAll_CallerGaveUp_LaterEnablesAreRefusedAsTheRuntimeIsStopping()
    {
        var (runtime, release, disabling) = await GiveUpStoppingBehindADisableAsync();
        release.TrySetResult();
        await disabling.WaitAsync(RuntimeHarness.Guard);

        var enabled = await runtime.EnableAsync("storage").AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.Equal("module.runtime.not-started", enabled.Error!.Code);
    }

    [Fact]
    public async Task DisposeAsync_AfterStopAllGaveUp_StopsTheModulesLeftRunning()
    {
        var (runtime, release, disabling) = await GiveUpStoppingBehindADisableAsync();
        release.TrySetResult();
        await disabling.WaitAsync(RuntimeHarness.Guard);

        await ((IAsyncDisposable)runtime).DisposeAsync().AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("billing"));
    }

    /// <summary>Starts storage and billing, disables storage with a stop that waits for the returned source, and has a StopAllAsync give up behind it.</summary>
    private async Task<(IModuleRuntime Runtime, TaskCompletionSource Release, Task<Result> Disabling)> GiveUpStoppingBehindADisableAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        _harness.Add("billing");
        storage.OnStop = (_, _) =>
        {
            entered.TrySetResult();
            return new ValueTask(release.Task);
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        var disabling = runtime.DisableAsync("storage").AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        using var gaveUp = new CancellationTokenSource();
        gaveUp.Cancel();
        await runtime.StopAllAsync(gaveUp.Token).AsTask().WaitAsync(RuntimeHarness.Guard);
        return (runtime, release, disabling);
    }

    [Fact]
    public async Task StartAll_StartAsyncBlocksSynchronously_FailsWithTimeoutInsteadOfHanging()
    {
        using var release = new ManualResetEventSlim();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) =>
        {
            entered.TrySetResult();
            release.Wait(CancellationToken.None); // sync-over-async open
            return new(Result.Success());
        };
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = TimeSpan.FromSeconds(10);
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });

        try
        {
            var starting = Task.Run(() => runtime.StartAllAsync().AsTask());
            await entered.Task.WaitAsync(RuntimeHarness.Guard);
            _harness.Time.Advance(TimeSpan.FromSeconds(10));
            await starting.WaitAsync(RuntimeHarness.Guard);

            Assert.Equal("module.start.timeout", _harness.Snapshot("storage").LastError!.Code);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public async Task StopAll_AbandonedStopAsyncFaultsLater_FaultIsLoggedNamingTheModule()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = new TaskCompletionSource();
        var storage = _harness.Add("storage", gracefulSeconds: 12);
        storage.OnStop = (_, _) =>
        {
            entered.TrySetResult();
            return new ValueTask(late.Task); // ignores its token
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        var stopping = runtime.StopAllAsync().AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(12));
        await stopping.WaitAsync(RuntimeHarness.Guard);
        var logged = new TaskCompletionSource<ListLoggerProvider.LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        _logs.OnLog = entry =>
        {
            if (entry.Exception is IOException)
            {
                logged.TrySetResult(entry);
            }
        };

        late.SetException(new IOException("flush failed after the timeout"));

        var entry = await logged.Task.WaitAsync(RuntimeHarness.Guard);
        Assert.Contains("storage", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnableAsync_CallerCancelsAfterTheStartBegan_OnlyWaitingIsCancelled()
    {
        // IModuleRuntime.EnableAsync: the token "cancels waiting for other runtime operations";
        // StartAsync's token is "cancelled when the start timeout passes or the runtime stops".
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        storage.OnStart = async (_, ct) =>
        {
            entered.TrySetResult();
            await proceed.Task.WaitAsync(ct);
            return Result.Success();
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();
        using var request = new CancellationTokenSource();

        var enabling = runtime.EnableAsync("storage", request.Token).AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        await request.CancelAsync(); // e.g. the HTTP request that asked for it was aborted
        proceed.SetResult();
        var enabled = await enabling.WaitAsync(RuntimeHarness.Guard);

        Assert.True(enabled.IsSuccess, enabled.IsFailure ? enabled.Error.Code : null);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task StopAll_DuringSupervisedRestart_CancelsTheStartInsteadOfWaitingForItsTimeout()
    {
        var restarting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStart = async (_, ct) =>
        {
            if (storage.Starts == 1)
            {
                return Crash;
            }

            restarting.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct); // honours its token: "cancelled when ... the runtime stops"
            return Result.Success();
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await restarting.Task.WaitAsync(RuntimeHarness.Guard);

        var stopping = runtime.StopAllAsync().AsTask();
        try
        {
            await stopping.WaitAsync(RuntimeHarness.Guard);
        }
        finally
        {
            _harness.Time.Advance(TimeSpan.FromSeconds(30)); // lets a start that was not cancelled time out, so the test cleans up
        }

        Assert.NotEqual(ModuleState.Running, _harness.StateOf("storage"));
    }
}
