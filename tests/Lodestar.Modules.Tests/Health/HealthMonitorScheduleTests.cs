using System.Collections.Concurrent;
using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>The periodic checks: interval, timeout, throwing checks, change-only publishing, stop. All on a fake clock.</summary>
public sealed class HealthMonitorScheduleTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly RuntimeHarness _harness = new();
    private readonly ConcurrentQueue<ModuleHealthChanged> _changes = new();
    private readonly ConcurrentQueue<ModuleHealthChanged> _published = new();

    public async ValueTask DisposeAsync()
    {
        if (_harness.Runtime is not null)
        {
            await Monitor.StopAsync().AsTask().WaitAsync(RuntimeHarness.Guard);
        }

        await _harness.DisposeAsync();
    }

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    private async Task<CheckedModule> StartAsync(CheckedModule? module = null)
    {
        module ??= new CheckedModule();
        _harness.Add(module, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        Monitor.HealthChanged += (_, change) => _changes.Enqueue(change);
        _harness.Services.GetRequiredService<IEventBus>().Subscribe<ModuleHealthChanged>(_published.Enqueue);
        Monitor.Start();
        return module;
    }

    /// <summary>Completes once the loop has finished a check and waits for the next interval.</summary>
    private Task NextIntervalArmedAsync() => _harness.Time.WaitForTimerAsync(Interval).WaitAsync(RuntimeHarness.Guard);

    [Fact]
    public async Task Start_ChecksAtOnce()
    {
        var probe = await StartAsync();

        await NextIntervalArmedAsync();

        Assert.Equal(1, probe.Checks);
        Assert.True(Monitor.IsRunning);
    }

    [Fact]
    public async Task Interval_Elapsed_ChecksAgain()
    {
        var probe = await StartAsync();
        await NextIntervalArmedAsync();

        _harness.Time.Advance(Interval);
        await NextIntervalArmedAsync();

        Assert.Equal(2, probe.Checks);
    }

    [Fact]
    public async Task Interval_NotYetElapsed_DoesNotCheckAgain()
    {
        var probe = await StartAsync();
        await NextIntervalArmedAsync();

        _harness.Time.Advance(Interval - TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, probe.Checks);
    }

    [Fact]
    public async Task Check_OverrunsItsTimeout_ReadsDownWithTheTimeoutError()
    {
        var never = new TaskCompletionSource<HealthReport>();
        await StartAsync(new CheckedModule { OnCheck = _ => new(never.Task) });
        await _harness.Time.WaitForTimerAsync(Timeout).WaitAsync(RuntimeHarness.Guard);

        _harness.Time.Advance(Timeout);
        await NextIntervalArmedAsync();

        var report = Monitor.GetReport("probe").Value;
        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Equal("module.health.timeout", report.LastError!.Code);
        Assert.Equal(Timeout, report.Latency);
        Assert.Contains("did not finish within 3 s", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TimedOutOnce_DoesNotStopLaterChecks()
    {
        var never = new TaskCompletionSource<HealthReport>();
        var hanging = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new CheckedModule();
        probe.OnCheck = _ =>
        {
            if (probe.Checks != 2)
            {
                return new(HealthReport.Healthy);
            }

            hanging.SetResult();
            return new(never.Task);
        };
        await StartAsync(probe);
        await NextIntervalArmedAsync();
        _harness.Time.Advance(Interval);

        // The second check must have begun before its timeout passes, or a late start could make it the third.
        await hanging.Task.WaitAsync(RuntimeHarness.Guard);
        await _harness.Time.WaitForTimerAsync(Timeout).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(Timeout);
        await NextIntervalArmedAsync();
        Assert.Equal(HealthStatus.Down, Monitor.GetReport("probe").Value.Status);

        _harness.Time.Advance(Interval);
        await NextIntervalArmedAsync();

        Assert.Equal(3, probe.Checks);
        Assert.Equal(HealthStatus.Healthy, Monitor.GetReport("probe").Value.Status);
    }

    [Fact]
    public async Task Check_Throws_ReadsDownWithTheException()
    {
        await StartAsync(new CheckedModule { OnCheck = _ => throw new IOException("disk unplugged") });

        await NextIntervalArmedAsync();

        var report = Monitor.GetReport("probe").Value;
        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Equal("module.health.exception", report.LastError!.Code);
        Assert.IsType<IOException>(report.LastError.Exception);
        Assert.Contains("disk unplugged", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthChanged_SameStatusTwice_IsToldOnce()
    {
        await StartAsync(new CheckedModule { OnCheck = _ => new(HealthReport.Degraded("queue backing up")) });
        await NextIntervalArmedAsync();

        _harness.Time.Advance(Interval);
        await NextIntervalArmedAsync();

        var change = Assert.Single(_changes);
        Assert.Equal(("probe", HealthStatus.Healthy, HealthStatus.Degraded), (change.ModuleId, change.Previous, change.Current));
        Assert.Equal("queue backing up", change.Report.Description);
    }

    [Fact]
    public async Task HealthChanged_IsPublishedOnTheEventBus()
    {
        await StartAsync(new CheckedModule { OnCheck = _ => new(HealthReport.Down("disk full")) });

        await NextIntervalArmedAsync();

        var published = Assert.Single(_published);
        Assert.Equal(HealthStatus.Down, published.Current);
        Assert.Equal(_harness.Time.GetUtcNow(), published.Timestamp);
    }

    [Fact]
    public async Task HealthChanged_StatusComesBack_IsToldAgain()
    {
        var probe = new CheckedModule();
        probe.OnCheck = _ => new(probe.Checks == 1 ? HealthReport.Down("disk full") : HealthReport.Healthy);
        await StartAsync(probe);
        await NextIntervalArmedAsync();

        _harness.Time.Advance(Interval);
        await NextIntervalArmedAsync();

        Assert.Equal(
            [(HealthStatus.Healthy, HealthStatus.Down), (HealthStatus.Down, HealthStatus.Healthy)],
            _changes.Select(c => (c.Previous, c.Current)));
    }

    [Fact]
    public async Task StateChange_WhileMonitoring_IsToldAtOnceWithoutWaitingForTheInterval()
    {
        await StartAsync();
        await NextIntervalArmedAsync();

        await _harness.Runtime.DisableAsync("probe");

        Assert.Equal(
            [(HealthStatus.Healthy, HealthStatus.Degraded), (HealthStatus.Degraded, HealthStatus.Down)],
            _changes.Select(c => (c.Previous, c.Current)));
        Assert.Equal("Module 'probe' is disabled. Enable it to run it.", _changes.Last().Report.Description);
    }

    [Fact]
    public async Task StopAsync_CallerGivesUpWaiting_ReturnsWithoutThrowing()
    {
        var never = new TaskCompletionSource<HealthReport>();
        await StartAsync(new CheckedModule { OnCheck = _ => new(never.Task) });
        await _harness.Time.WaitForTimerAsync(Timeout).WaitAsync(RuntimeHarness.Guard);
        using var gaveUp = new CancellationTokenSource();
        await gaveUp.CancelAsync();

        await Monitor.StopAsync(gaveUp.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.False(Monitor.IsRunning);
    }

    [Fact]
    public async Task StopAsync_EndsThePeriodicChecks()
    {
        var probe = await StartAsync();
        await NextIntervalArmedAsync();

        await Monitor.StopAsync().AsTask().WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(Interval * 3);

        Assert.False(Monitor.IsRunning);
        Assert.Equal(0, _harness.Time.ArmedTimerCount);
        Assert.Equal(1, probe.Checks);
    }
}
