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

    private void PublishPings(int count)
    {
        var bus = _harness.Services.GetRequiredService<IEventBus>();
        for (var i = 0; i < count; i++)
        {
            bus.Publish(new Ping((2 * i) + 1));
        }
    }

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
    public async Task HandlerFailures_AtTheThreshold_ReadDegradedWithTheCountAndTheLastError()
    {
        await StartAsync(WithFailingHandler(), o => o.Health.HandlerFailureThreshold = 3);
        PublishPings(3);

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("Module 'probe' is degraded: 3 of its event handler calls failed in the last 60 s (threshold 3).", report.Description);
        Assert.Equal("module.health.handler-failures", report.LastError!.Code);
        Assert.Equal("odd ping 5", report.LastError.Exception!.Message);
        Assert.Equal(3, report.Data["handlerFailures"]);
    }

    [Fact]
    public async Task HandlerFailures_BelowTheThreshold_StayHealthy()
    {
        await StartAsync(WithFailingHandler(), o => o.Health.HandlerFailureThreshold = 3);
        PublishPings(2);

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task HandlerFailures_OlderThanTheWindow_AreForgotten()
    {
        await StartAsync(WithFailingHandler(), o =>
        {
            o.Health.HandlerFailureThreshold = 3;
            o.Health.HandlerFailureWindow = TimeSpan.FromSeconds(30);
        });
        PublishPings(3);
        Assert.Equal(HealthStatus.Degraded, (await Monitor.CheckAsync("probe")).Value.Status);

        _harness.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);
    }

    [Fact]
    public async Task HandlerFailures_RuleTurnedOff_StayHealthy()
    {
        await StartAsync(WithFailingHandler(), o => o.Health.HandlerFailureThreshold = 0);
        PublishPings(10);

        var report = (await Monitor.CheckAsync("probe")).Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task HandlerFailures_OfAnotherModule_DoNotCount()
    {
        _harness.Add(WithFailingHandler(), "noisy");
        await StartAsync(new CheckedModule(), o => o.Health.HandlerFailureThreshold = 1);
        PublishPings(5);

        Assert.Equal(HealthStatus.Healthy, (await Monitor.CheckAsync("probe")).Value.Status);
        Assert.Equal(HealthStatus.Degraded, (await Monitor.CheckAsync("noisy")).Value.Status);
    }
}
