using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// The runtime when things repeat or overlap: cascades that reach a module twice, a second
/// StartAllAsync, restarts planned and cancelled, work of an abandoned start, and a dispose with
/// operations queued behind it.
/// </summary>
public sealed class RuntimeRepeatAndRaceTests : IAsyncDisposable
{
    private const int FailureReportIgnored = 1007;

    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public RuntimeRepeatAndRaceTests() =>
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Cascade_DependentRequiringBothTheDisabledModuleAndItsDependent_ListsBothAsMissing()
    {
        // c requires a and b; b requires a. Disabling a reaches c twice: as a's dependent, and as b's.
        _harness.Add("a");
        _harness.Add("b", requires: ["a"]);
        _harness.Add("c", requires: ["a", "b"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("a");

        var snapshot = _harness.Snapshot("c");
        Assert.Equal(ModuleState.Blocked, snapshot.State);
        Assert.Equal(["a", "b"], snapshot.MissingDependencies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AbandonedStart_ReportsFailureAfterTheNextRunStarted_DoesNotFailTheNextRun()
    {
        // Reported failures belong to the run that made them. The first start overruns its timeout and
        // is abandoned; the loop it began keeps going and reports a failure once the supervisor's
        // restart runs. (The start itself ends on its token: the next start waits for an abandoned one.)
        var lateGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = 0;
        var storage = _harness.Add("storage");
        storage.OnStart = async (context, ct) =>
        {
            if (Interlocked.Increment(ref starts) == 1)
            {
                _ = Task.Run(
                    async () =>
                    {
                        await lateGate.Task;
                        context.ReportFailure(new IOException("the abandoned start's loop died"));
                        reported.SetResult();
                    },
                    CancellationToken.None);
                firstEntered.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct); // abandoned at the start timeout
            }

            return Result.Success();
        };
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = TimeSpan.FromSeconds(7);
            o.DefaultRestartPolicy = Policy(maxRestarts: 3);
        });

        var starting = runtime.StartAllAsync().AsTask();
        await firstEntered.Task.WaitAsync(RuntimeHarness.Guard);
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        _harness.Time.Advance(TimeSpan.FromSeconds(7));
        await starting.WaitAsync(RuntimeHarness.Guard);
        Assert.Equal("module.start.timeout", _harness.Snapshot("storage").LastError!.Code);
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running);

        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _logs.OnLog = entry =>
        {
            if (entry.EventId.Id == FailureReportIgnored)
            {
                handled.TrySetResult();
            }
        };
        runtime.StateChanged += (_, change) =>
        {
            if (change is { ModuleId: "storage", Current: ModuleState.Failed })
            {
                handled.TrySetResult();
            }
        };
        lateGate.SetResult();
        await reported.Task.WaitAsync(RuntimeHarness.Guard);
        await handled.Task.WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task StartAll_AfterStopAll_GivesAFreshRestartBudgetAndCount()
    {
        // StartAllAsync enables every module again: RestartCount counts since the module was last
        // enabled, and an enable starts a fresh budget.
        var storage = _harness.Add("storage");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 1));
        await runtime.StartAllAsync();
        storage.Context!.ReportFailure(new IOException("first run's loop died"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 2);

        await runtime.StopAllAsync();
        await runtime.StartAllAsync();
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
        var countAfterStart = _harness.Snapshot("storage").RestartCount;

        storage.Context!.ReportFailure(new IOException("second run's loop died"));
        await _harness.WaitForAsync("storage", ModuleState.Failed, occurrence: 2);

        Assert.Equal(0, countAfterStart);
        Assert.NotEqual("module.restart.limit-reached", _harness.Snapshot("storage").LastError!.Code);
    }

    [Fact]
    public async Task RestartCount_PlannedRestartCancelledByDisable_IsNotCounted()
    {
        // RestartCount counts the restarts the supervisor made, not those it planned and then dropped.
        var storage = _harness.Add("storage");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();
        storage.Context!.ReportFailure(new IOException("loop died"));
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        await runtime.DisableAsync("storage");
        _harness.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, storage.Starts);
        Assert.Equal(0, _harness.Snapshot("storage").RestartCount);
    }

    [Fact]
    public async Task StartAll_Again_DoesNotLeaveAModuleEnabledAtRunTimeRunningButNotWanted()
    {
        // A module off in configuration is enabled by an operator; configuration decides only for
        // modules that are off, so a second StartAllAsync leaves it running and wanted.
        var storage = _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();
        Assert.True((await runtime.EnableAsync("storage")).IsSuccess);

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("storage");
        Assert.True(
            snapshot.State != ModuleState.Running || snapshot.IsEnabled,
            $"state {snapshot.State}, IsEnabled {snapshot.IsEnabled}");
    }

    [Fact]
    public async Task DisposeAsync_OperationsQueuedBehindItsStop_CompleteInsteadOfHangingForever()
    {
        // Operations queued behind the stop that DisposeAsync makes end (at most with an
        // ObjectDisposedException) instead of waiting forever, and start nothing.
        var stopEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var startGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStop = async (_, _) =>
        {
            stopEntered.TrySetResult();
            await stopGate.Task;
        };
        storage.OnStart = async (_, _) =>
        {
            if (storage.Starts > 1)
            {
                await startGate.Task;
            }

            return Result.Success();
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var disposing = ((IAsyncDisposable)runtime).DisposeAsync().AsTask();
        await stopEntered.Task.WaitAsync(RuntimeHarness.Guard);
        var startingAgain = runtime.StartAllAsync().AsTask(); // queued on the lock behind the stop
        var enabling = runtime.EnableAsync("storage").AsTask(); // queued behind it
        stopGate.SetResult();
        await disposing.WaitAsync(RuntimeHarness.Guard);
        startGate.SetResult();
        try
        {
            await startingAgain.WaitAsync(RuntimeHarness.Guard);
        }
        catch (ObjectDisposedException)
        {
            // Acceptable: the runtime was disposed.
        }

        Exception? thrown = null;
        try
        {
            await enabling.WaitAsync(RuntimeHarness.Guard);
        }
        catch (Exception exception) when (exception is not TimeoutException)
        {
            thrown = exception; // an ObjectDisposedException would be acceptable; hanging is not
        }

        Assert.True(thrown is null or ObjectDisposedException, thrown?.ToString());
        Assert.Equal(1, storage.Starts);
    }
}
