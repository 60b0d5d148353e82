using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>
/// The handler-failure window is sampled at every check, also while a check reads Down or the
/// module is not running, so old failures age out; and a second concurrent StopAsync waits too.
/// </summary>
public sealed class HandlerFailureWindowTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

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

    private sealed record Ping(int N);

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    /// <summary>A module whose one handler of <see cref="Ping"/> always throws.</summary>
    private static CheckedModule WithFailingHandler() => new()
    {
        OnStart = (context, _) =>
        {
            context.Events.Subscribe<Ping>(ping => throw new InvalidOperationException("ping " + ping.N));
            return new(Result.Success());
        },
    };

    private void PublishFailing(int count)
    {
        var bus = _harness.Services.GetRequiredService<IEventBus>();
        for (var i = 0; i < count; i++)
        {
            bus.Publish(new Ping(i));
        }
    }

    /// <summary>
    /// Handler failures 10 minutes old must not read as failing "in the last 60 s". The module's checks
    /// read Down meanwhile, and a Down report skips the handler sample, so the window's baseline stays
    /// at the check before the failures however many checks pass.
    /// </summary>
    [Fact]
    public async Task HandlerFailures_LongAgoWhileChecksReadDown_AreNotCountedInTheWindow()
    {
        var down = false;
        var probe = WithFailingHandler();
        probe.OnCheck = _ => new(down ? HealthReport.Down("database unreachable") : HealthReport.Healthy);
        _harness.Add(probe, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: 5);
        await _harness.Build().StartAllAsync();
        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);

        PublishFailing(20);
        down = true;
        for (var i = 0; i < 20; i++)
        {
            _harness.Time.Advance(Interval);
            Assert.Equal(HealthStatus.Down, (await Monitor.CheckAsync("probe")).Value.Status);
        }

        down = false;
        _harness.Time.Advance(Interval);
        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    /// <summary>
    /// The same with the module stopped meanwhile: checks of a module that is not running take no
    /// sample either, so failures of its previous run, 10 minutes old, read as in the last 60 s.
    /// </summary>
    [Fact]
    public async Task HandlerFailures_OfAPreviousRunLongAgo_AreNotCountedInTheWindow()
    {
        _harness.Add(WithFailingHandler(), "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: 5);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);

        PublishFailing(20);
        Assert.True((await runtime.DisableAsync("probe")).IsSuccess);
        for (var i = 0; i < 20; i++)
        {
            _harness.Time.Advance(Interval);
            Assert.Equal(HealthStatus.Down, (await Monitor.CheckAsync("probe")).Value.Status);
        }

        Assert.True((await runtime.EnableAsync("probe")).IsSuccess);
        _harness.Time.Advance(Interval);
        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    /// <summary>
    /// Two callers stop the monitor at once while a loop is still telling a change: the second call
    /// must not complete before the loops have ended, as the first does not.
    /// </summary>
    [Fact]
    public async Task StopAsync_CalledTwiceAtOnce_SecondCallWaitsForTheLoopsToo()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Add(
            new CheckedModule { OnCheck = _ => new(HealthReport.Degraded("queue 9,500 of 10,000")) },
            "probe",
            healthIntervalSeconds: (int)Interval.TotalSeconds,
            healthTimeoutSeconds: 5);
        await _harness.Build().StartAllAsync();
        Monitor.HealthChanged += (_, _) =>
        {
            entered.TrySetResult();
            release.Task.Wait(RuntimeHarness.Guard);
        };
        Monitor.Start();
        await entered.Task.WaitAsync(RuntimeHarness.Guard);

        var first = Monitor.StopAsync().AsTask();
        var second = Monitor.StopAsync().AsTask();
        var firstCompleted = first.IsCompleted;
        var secondCompleted = second.IsCompleted;
        release.SetResult();
        await Task.WhenAll(first, second).WaitAsync(RuntimeHarness.Guard);

        Assert.False(firstCompleted, "the first StopAsync completed while a loop was still running");
        Assert.False(secondCompleted, "the second StopAsync completed while a loop was still running");
    }
}
