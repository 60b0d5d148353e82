using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>
/// At most one check of a module runs at a time: a check asked for while one is under way joins it,
/// and a caller's token ends only that caller's wait. All on a fake clock.
/// </summary>
public sealed class HealthCheckJoinTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly RuntimeHarness _harness = new();

    public async ValueTask DisposeAsync()
    {
        if (_harness.Runtime is not null)
        {
            using var giveUp = new CancellationTokenSource(RuntimeHarness.Guard);
            await Monitor.StopAsync(giveUp.Token);
        }

        await _harness.DisposeAsync();
    }

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    /// <summary>Starts the modules (not the monitor) with <paramref name="probe"/> as module "probe".</summary>
    private async Task StartModulesAsync(CheckedModule probe)
    {
        _harness.Add(probe, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
    }

    /// <summary>
    /// The loop's check is under way when a caller asks for a check: the module's check runs once,
    /// and the caller gets that check's report.
    /// </summary>
    [Fact]
    public async Task CheckAsync_WhileTheLoopChecks_JoinsTheCheckUnderWay()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = new TaskCompletionSource<HealthReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new CheckedModule
        {
            OnCheck = _ =>
            {
                entered.TrySetResult();
                return new(result.Task);
            },
        };
        await StartModulesAsync(probe);
        Monitor.Start();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);

        var asked = Monitor.CheckAsync("probe").AsTask();
        result.SetResult(HealthReport.Degraded("queue backing up"));
        var report = (await asked.WaitAsync(RuntimeHarness.Guard)).Value;
        await _harness.Time.WaitForTimerAsync(Interval).WaitAsync(RuntimeHarness.Guard);

        Assert.Equal((1, "queue backing up"), (probe.Checks, report.Description));
    }

    /// <summary>
    /// A caller gives up waiting for the check it started: the check is not cancelled, since others
    /// may be waiting for it, and it stays bounded by its own timeout.
    /// </summary>
    [Fact]
    public async Task CheckAsync_CallerCancels_DoesNotCancelTheCheck()
    {
        var entered = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<HealthReport>();
        await StartModulesAsync(new CheckedModule
        {
            OnCheck = token =>
            {
                entered.TrySetResult(token);
                return new(never.Task);
            },
        });
        using var caller = new CancellationTokenSource();
        var asked = Monitor.CheckAsync("probe", caller.Token).AsTask();
        var checkToken = await entered.Task.WaitAsync(RuntimeHarness.Guard);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked.WaitAsync(RuntimeHarness.Guard));

        Assert.False(checkToken.IsCancellationRequested);
    }

    /// <summary>
    /// Guard (passes before the fix too): a caller that joined the loop's check and cancels stops
    /// waiting at once, while the check is still under way.
    /// </summary>
    [Fact]
    public async Task CheckAsync_JoinedAndCancelled_StopsWaitingWhileTheCheckRuns()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<HealthReport>();
        await StartModulesAsync(new CheckedModule
        {
            OnCheck = _ =>
            {
                entered.TrySetResult();
                return new(never.Task);
            },
        });
        Monitor.Start();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        using var caller = new CancellationTokenSource();
        var asked = Monitor.CheckAsync("probe", caller.Token).AsTask();

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked.WaitAsync(RuntimeHarness.Guard));
    }

    /// <summary>
    /// Guard (passes before the fix too): the check a caller joined is the loop's, and the monitor
    /// stops under it, which cancels it; the caller still gets a check, a fresh one.
    /// </summary>
    [Fact]
    public async Task CheckAsync_JoinedCheckCancelledByTheMonitorStopping_ChecksAgain()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<HealthReport>();
        var probe = new CheckedModule();
        probe.OnCheck = _ =>
        {
            if (probe.Checks > 1)
            {
                return new(HealthReport.Degraded("queue backing up"));
            }

            entered.TrySetResult();
            return new(never.Task);
        };
        await StartModulesAsync(probe);
        Monitor.Start();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        var asked = Monitor.CheckAsync("probe").AsTask();

        await Monitor.StopAsync().AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.Equal("queue backing up", (await asked.WaitAsync(RuntimeHarness.Guard)).Value.Description);
    }

    /// <summary>
    /// A check of the module's previous run is still under way when, after a restart, a caller asks
    /// for a check: that check's result no longer counts, so the caller must get a check of the run
    /// it asked in, not a report no check backs.
    /// </summary>
    [Fact]
    public async Task CheckAsync_JoinedCheckIsOfTheRunBeforeARestart_ChecksTheCurrentRun()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stale = new TaskCompletionSource<HealthReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new CheckedModule();
        probe.OnCheck = _ =>
        {
            if (probe.Checks > 1)
            {
                return new(HealthReport.Degraded("checked after the restart"));
            }

            entered.TrySetResult();
            return new(stale.Task);
        };
        await StartModulesAsync(probe);
        var before = Monitor.CheckAsync("probe").AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);
        Assert.True((await _harness.Runtime.RestartAsync("probe")).IsSuccess);

        var asked = Monitor.CheckAsync("probe").AsTask();
        stale.SetResult(HealthReport.Healthy);

        Assert.Equal("checked after the restart", (await asked.WaitAsync(RuntimeHarness.Guard)).Value.Description);
        await before.WaitAsync(RuntimeHarness.Guard);
    }
}
