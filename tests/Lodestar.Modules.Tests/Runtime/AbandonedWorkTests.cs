using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// A start, stop or force stop the runtime abandoned (it overran its timeout and ignored its token)
/// may still be running; the runtime never calls StartAsync of that module again until it has
/// ended, so module code never runs concurrently with itself.
/// </summary>
/// <remarks>
/// Each test races the module's second StartAsync against the runtime's "waiting for abandoned work"
/// log (event 1011) before it lets the old work end: a runtime that does not wait calls StartAsync
/// while the old work still runs, which the module records; one that waits logs first.
/// </remarks>
public sealed class AbandonedWorkTests : IAsyncDisposable
{
    private const int WaitingForAbandonedWorkEvent = 1011;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();
    private readonly TaskCompletionSource _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends the old work a test left running, so disposing the runtime never waits for it.</summary>
    private readonly List<Action> _cleanUp = [];

    /// <summary>Completed when the first StartAsync of <see cref="AddModuleWhoseFirstStartIgnoresItsToken"/>'s module is entered.</summary>
    private TaskCompletionSource? _firstStart;

    public AbandonedWorkTests()
    {
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _logs.OnLog = entry =>
        {
            if (entry.EventId.Id == WaitingForAbandonedWorkEvent)
            {
                _waiting.TrySetResult();
            }
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanUp in _cleanUp)
        {
            cleanUp();
        }

        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Enable_AfterAbandonedStart_WaitsForTheOldStartToEnd()
    {
        var (storage, oldStart, secondStart) = AddModuleWhoseFirstStartIgnoresItsToken();
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = StartTimeout;
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });
        await AbandonTheFirstStartAsync(runtime);

        var enabling = runtime.EnableAsync("storage").AsTask();
        await Task.WhenAny(secondStart.Task, _waiting.Task).WaitAsync(RuntimeHarness.Guard);
        oldStart.SetResult(Result.Success());
        var enabled = await enabling.WaitAsync(RuntimeHarness.Guard);

        Assert.True(enabled.IsSuccess, enabled.IsFailure ? enabled.Error.Message : null);
        Assert.True(await secondStart.Task.WaitAsync(RuntimeHarness.Guard), "StartAsync was called again while the abandoned StartAsync still ran.");
        Assert.Equal(2, storage.Starts);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task Enable_WhileAbandonedStartNeverEnds_FailsAfterTheStartTimeoutWithoutCallingStartAsyncAgain()
    {
        var (storage, _, _) = AddModuleWhoseFirstStartIgnoresItsToken();
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = StartTimeout;
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });
        await AbandonTheFirstStartAsync(runtime);

        var enabling = runtime.EnableAsync("storage").AsTask();
        await Task.WhenAny(enabling, _waiting.Task).WaitAsync(RuntimeHarness.Guard); // the new start's timeout is armed before the wait is logged
        _harness.Time.Advance(StartTimeout);
        var enabled = await enabling.WaitAsync(RuntimeHarness.Guard);

        Assert.True(enabled.IsFailure, "the module started although its abandoned StartAsync never ended");
        Assert.Equal("module.start.previous-still-running", enabled.Error.Code);
        Assert.Equal(ErrorKind.Timeout, enabled.Error.Kind);
        Assert.Contains("'storage'", enabled.Error.Message, StringComparison.Ordinal);
        Assert.Contains("StartAsync", enabled.Error.Message, StringComparison.Ordinal);
        Assert.Contains("CancellationToken", enabled.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, storage.Starts);
        Assert.Equal(ModuleState.Failed, _harness.StateOf("storage"));
        Assert.Equal("module.start.previous-still-running", _harness.Snapshot("storage").LastError!.Code);
    }

    [Fact]
    public async Task SupervisedRestart_AfterAbandonedStart_WaitsForTheOldStartToEnd()
    {
        var (storage, oldStart, secondStart) = AddModuleWhoseFirstStartIgnoresItsToken();
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = StartTimeout;
            o.DefaultRestartPolicy = Policy(maxRestarts: 3);
        });
        await AbandonTheFirstStartAsync(runtime);

        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(1)); // the supervisor's backoff
        await Task.WhenAny(secondStart.Task, _waiting.Task).WaitAsync(RuntimeHarness.Guard);
        oldStart.SetResult(Result.Success());
        await _harness.WaitForAsync("storage", ModuleState.Running);

        Assert.True(await secondStart.Task.WaitAsync(RuntimeHarness.Guard), "StartAsync was called again while the abandoned StartAsync still ran.");
        Assert.Equal(2, storage.Starts);
    }

    [Fact]
    public async Task StartAll_AfterAbandonedStop_WaitsForTheStopToEnd()
    {
        var oldStop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _cleanUp.Add(() => oldStop.TrySetResult());
        var stopEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStart = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage", gracefulSeconds: 12);
        storage.OnStop = (_, _) =>
        {
            stopEntered.TrySetResult();
            return new ValueTask(oldStop.Task); // ignores its token; ForceStop returns at once
        };
        storage.OnStart = (_, _) =>
        {
            if (storage.Starts == 2)
            {
                secondStart.TrySetResult(oldStop.Task.IsCompleted);
            }

            return new(Result.Success());
        };
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = StartTimeout;
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });
        await runtime.StartAllAsync();
        var stopping = runtime.StopAllAsync().AsTask();
        await stopEntered.Task.WaitAsync(RuntimeHarness.Guard); // the graceful timeout is armed before StopAsync is called
        _harness.Time.Advance(TimeSpan.FromSeconds(12));
        await stopping.WaitAsync(RuntimeHarness.Guard);
        Assert.Equal("module.stop.timeout", _harness.Snapshot("storage").LastError!.Code); // forced; StopAsync still runs

        var starting = runtime.StartAllAsync().AsTask();
        await Task.WhenAny(secondStart.Task, _waiting.Task).WaitAsync(RuntimeHarness.Guard);
        oldStop.SetResult();
        var started = await starting.WaitAsync(RuntimeHarness.Guard);

        Assert.True(started.IsSuccess);
        Assert.True(await secondStart.Task.WaitAsync(RuntimeHarness.Guard), "StartAsync was called while the abandoned StopAsync still ran.");
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task Enable_AfterAbandonedForceStop_WaitsForTheForceStopToEnd()
    {
        var release = new ManualResetEventSlim();
        _cleanUp.Add(release.Set); // not disposed: a ForceStop may still be waiting on it when the test ends
        var forceStopEnded = 0;
        var secondStart = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage", forceSeconds: 7);
        storage.OnStop = (_, _) => throw new IOException("flush failed");
        storage.OnForceStop = () =>
        {
            release.Wait(); // blocks until the test lets it end
            Volatile.Write(ref forceStopEnded, 1);
        };
        storage.OnStart = (_, _) =>
        {
            if (storage.Starts == 2)
            {
                secondStart.TrySetResult(Volatile.Read(ref forceStopEnded) == 1);
            }

            return new(Result.Success());
        };
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = StartTimeout;
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });
        await runtime.StartAllAsync();
        var disabling = runtime.DisableAsync("storage").AsTask();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7)).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(7));
        await disabling.WaitAsync(RuntimeHarness.Guard);
        Assert.Equal("module.stop.abandoned", _harness.Snapshot("storage").LastError!.Code);

        var enabling = runtime.EnableAsync("storage").AsTask();
        await Task.WhenAny(secondStart.Task, _waiting.Task).WaitAsync(RuntimeHarness.Guard);
        release.Set();
        var enabled = await enabling.WaitAsync(RuntimeHarness.Guard);

        Assert.True(enabled.IsSuccess, enabled.IsFailure ? enabled.Error.Message : null);
        Assert.True(await secondStart.Task.WaitAsync(RuntimeHarness.Guard), "StartAsync was called while the abandoned ForceStop still ran.");
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    /// <summary>
    /// Adds "storage", whose first StartAsync ignores its token and ends only when the returned source
    /// is completed; the second StartAsync succeeds at once and tells whether the first had ended.
    /// </summary>
    private (TestModule Module, TaskCompletionSource<Result> OldStart, TaskCompletionSource<bool> SecondStart) AddModuleWhoseFirstStartIgnoresItsToken()
    {
        var oldStart = new TaskCompletionSource<Result>(TaskCreationOptions.RunContinuationsAsynchronously);
        _cleanUp.Add(() => oldStart.TrySetResult(Result.Success()));
        var firstStart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStart = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) =>
        {
            if (storage.Starts == 1)
            {
                firstStart.TrySetResult();
                return new(oldStart.Task); // ignores its token
            }

            secondStart.TrySetResult(oldStart.Task.IsCompleted);
            return new(Result.Success());
        };
        _firstStart = firstStart;
        return (storage, oldStart, secondStart);
    }

    /// <summary>Runs StartAllAsync until the first StartAsync overruns the start timeout and is abandoned, still running.</summary>
    private async Task AbandonTheFirstStartAsync(IModuleRuntime runtime)
    {
        var starting = runtime.StartAllAsync().AsTask();
        await _firstStart!.Task.WaitAsync(RuntimeHarness.Guard); // the start timeout is armed before StartAsync is called
        _harness.Time.Advance(StartTimeout);
        await starting.WaitAsync(RuntimeHarness.Guard);
        Assert.Equal("module.start.timeout", _harness.Snapshot("storage").LastError!.Code);
    }
}
