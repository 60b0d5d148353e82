using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>The built-in alert rules: slow checks and failing event handlers make a running module degraded.</summary>
public sealed class AlertRuleTests : IAsyncDisposable
{
    private sealed record Ping(int N);

    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    private async Task<CheckedModule> StartAsync(CheckedModule module, Action<ModuleRuntimeOptions>? configure = null)
    {
        _harness.Add(module, "probe", healthIntervalSeconds: 30, healthTimeoutSeconds: 5);
        var runtime = _harness.Build(configure);
        await runtime.StartAllAsync();
        return module;
    }

    /// <summary>A module whose one handler of <see cref="Ping"/> throws for odd numbers.</summary>
    private static CheckedModule WithFailingHandler() => new()
    {
        OnStart = (context, _) =>
        {
            context.Events.Subscribe<Ping>(ping =>
            {
                if (ping.N % 2 == 1)
                {
                    throw new InvalidOperationException("odd ping " + ping.N);
                }
            });
            return new(Result.Success());
        },
    };

    /// <summary>Publishes pings that fail (odd) and succeed (even), in the order given.</summary>
    private void Publish(params int[] pings)
    {
        var bus = _harness.Services.GetRequiredService<IEventBus>();
        foreach (var ping in pings)
        {
            bus.Publish(new Ping(ping));
        }
    }

    private static int[] Failing(int count) => [.. Enumerable.Range(0, count).Select(i => (2 * i) + 1)];

    private static int[] Succeeding(int count) => [.. Enumerable.Range(0, count).Select(i => 2 * i)];

    private static void WithMinimum(ModuleRuntimeOptions options, int deliveries) => options.Health.HandlerFailureMinimumDeliveries = deliveries;

    [Fact]
    public async Task SlowCheck_AboveTheThreshold_ReadsDegradedWithTheFigure()
    {
        var time = _harness.Time;
        await StartAsync(new CheckedModule
        {
            OnCheck = async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), time, ct);
                return HealthReport.Healthy;
            },
        });

        var checking = Monitor.CheckAsync("probe").AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5)).WaitAsync(RuntimeHarness.Guard);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var report = (await checking.WaitAsync(RuntimeHarness.Guard)).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(1.5), report.Latency);
        Assert.Equal("Module 'probe' is degraded: its health check took 1.5 s (threshold 1 s).", report.Description);
    }

    [Fact]
    public async Task SlowCheck_AtTheThreshold_StaysHealthy()
    {
        var time = _harness.Time;
        await StartAsync(new CheckedModule
        {
            OnCheck = async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
                return HealthReport.Healthy;
            },
        });

        var checking = Monitor.CheckAsync("probe").AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).WaitAsync(RuntimeHarness.Guard);
        time.Advance(TimeSpan.FromSeconds(1));
        var report = (await checking.WaitAsync(RuntimeHarness.Guard)).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task SlowCheck_ModuleAlreadyDegraded_KeepsItsDescriptionAndAddsTheFigure()
    {
        var time = _harness.Time;
        await StartAsync(
            new CheckedModule
            {
                OnCheck = async ct =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), time, ct);
                    return HealthReport.Degraded("queue 9,500 of 10,000");
                },
            });

        var checking = Monitor.CheckAsync("probe").AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(RuntimeHarness.Guard);
        time.Advance(TimeSpan.FromSeconds(2));
        var report = (await checking.WaitAsync(RuntimeHarness.Guard)).Value;

        Assert.Equal("queue 9,500 of 10,000; its health check took 2 s (threshold 1 s).", report.Description);
    }

    [Fact]
    public async Task HandlerFailures_AboveTheRate_ReadDegradedWithTheFiguresAndTheLastError()
    {
        await StartAsync(WithFailingHandler());
        Publish(1);
        Publish(Succeeding(18));
        Publish(3);

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("Module 'probe' is degraded: 2 of 20 deliveries to its event handlers failed in the last 60 s (10 %, threshold 5 %).", report.Description);
        Assert.Equal("module.health.handler-failures", report.LastError!.Code);
        Assert.Equal("odd ping 3", report.LastError.Exception!.Message);
        Assert.Equal(20L, report.Data["handlerDeliveries"]);
        Assert.Equal(2L, report.Data["handlerFailures"]);
        Assert.Equal(0.1, report.Data["handlerFailureRate"]);
    }

    [Fact]
    public async Task HandlerFailures_AtTheRate_StayHealthy()
    {
        await StartAsync(WithFailingHandler());
        Publish(1);
        Publish(Succeeding(19));

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task HandlerFailures_FewerDeliveriesThanTheMinimum_StayHealthy()
    {
        await StartAsync(WithFailingHandler());
        Publish(Failing(19));

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task HandlerFailures_DilutedByLaterSuccesses_ReadHealthyAgain()
    {
        await StartAsync(WithFailingHandler(), o => WithMinimum(o, 1));
        Publish(1);
        Assert.Equal(HealthStatus.Degraded, (await Monitor.CheckAsync("probe")).Value.Status);

        Publish(Succeeding(99));

        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);
    }

    [Fact]
    public async Task HandlerFailures_OlderThanTheWindow_AreForgotten()
    {
        await StartAsync(WithFailingHandler(), o =>
        {
            WithMinimum(o, 1);
            o.Health.HandlerFailureWindow = TimeSpan.FromSeconds(30);
        });
        Publish(Failing(3));
        Assert.Equal(HealthStatus.Degraded, (await Monitor.CheckAsync("probe")).Value.Status);

        _harness.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);
    }

    [Fact]
    public async Task HandlerFailures_WindowLongerThanTheClockReachesBack_AreCountedSinceRegistration()
    {
        // TimeSpan.MaxValue reads "over the whole run": the window's start is before year 1, which a
        // DateTimeOffset cannot hold, and must not make every check of the module throw.
        await StartAsync(WithFailingHandler(), o =>
        {
            WithMinimum(o, 1);
            o.Health.HandlerFailureWindow = TimeSpan.MaxValue;
        });
        Publish(Failing(2));

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(2L, report.Data["handlerFailures"]);
    }

    [Fact]
    public async Task HandlerFailures_RateOfOne_TurnsTheRuleOff()
    {
        await StartAsync(WithFailingHandler(), o =>
        {
            WithMinimum(o, 1);
            o.Health.HandlerFailureRate = 1;
        });
        Publish(Failing(10));

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task HandlerFailures_OfAsyncHandlers_CountTowardsTheRate()
    {
        await StartAsync(
            new CheckedModule
            {
                OnStart = (context, _) =>
                {
                    context.Events.SubscribeAsync<Ping>((ping, _) =>
                        ping.N % 2 == 1 ? ValueTask.FromException(new InvalidOperationException("odd ping " + ping.N)) : ValueTask.CompletedTask);
                    return new(Result.Success());
                },
            },
            o => WithMinimum(o, 10));
        var bus = _harness.Services.GetRequiredService<IEventBus>();
        await bus.PublishAsync(new Ping(1));
        for (var i = 0; i < 9; i++)
        {
            await bus.PublishAsync(new Ping(2 * i));
        }

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(10L, report.Data["handlerDeliveries"]);
        Assert.Equal(1L, report.Data["handlerFailures"]);
    }

    [Fact]
    public async Task HandlerFailures_OfAnotherModule_DoNotCount()
    {
        _harness.Add(WithFailingHandler(), "noisy");
        await StartAsync(new CheckedModule(), o => WithMinimum(o, 1));
        Publish(Failing(5));

        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);
        Assert.Equal(HealthStatus.Degraded, (await Monitor.CheckAsync("noisy")).Value.Status);
    }
}
