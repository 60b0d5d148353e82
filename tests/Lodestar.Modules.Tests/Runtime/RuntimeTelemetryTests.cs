using System.Diagnostics;
using System.Diagnostics.Metrics;
using Lodestar.Modules.Tests.Health;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// The runtime's metrics and traces. Durations come from the runtime's fake clock, so the values
/// are exact. Module ids here are unique to this class, because the activity source is process-wide.
/// </summary>
[Collection(ActivityListenerGroup.Name)]
public sealed class RuntimeTelemetryTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();
    private readonly TestMeterFactory _meters = new();
    private readonly MeasurementRecorder _recorder;

    public RuntimeTelemetryTests()
    {
        _harness.ConfigureServices = services => services.AddSingleton<IMeterFactory>(_meters);
        _recorder = new MeasurementRecorder(_meters);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        _recorder.Dispose();
        _meters.Dispose();
    }

    private List<(double Value, Dictionary<string, object?> Tags)> Measured(string instrument) => _recorder.Of(instrument);

    private static ActivityListener ListenTo(List<Activity> stopped, string moduleId)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Lodestar.Modules",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName.EndsWith(" " + moduleId, StringComparison.Ordinal))
                {
                    lock (stopped)
                    {
                        stopped.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    [Fact]
    public async Task StateGauge_ReportsEveryModuleTaggedWithItsId()
    {
        _harness.Add("gauge-running");
        _harness.Add("gauge-off");
        _harness.Settings["Lodestar:Modules:gauge-off:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        _recorder.RecordObservableInstruments();

        var states = Measured("lodestar.module.state").ToDictionary(m => (string)m.Tags["lodestar.module.id"]!, m => m.Value);
        Assert.Equal((double)ModuleState.Running, states["gauge-running"]);
        Assert.Equal((double)ModuleState.Disabled, states["gauge-off"]);
    }

    [Fact]
    public async Task HealthGauge_ReportsEveryModulesStatus()
    {
        _harness.Add("gauge-running");
        _harness.Add("gauge-off");
        _harness.Settings["Lodestar:Modules:gauge-off:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        _recorder.RecordObservableInstruments();

        var health = Measured("lodestar.module.health").ToDictionary(m => (string)m.Tags["lodestar.module.id"]!, m => m.Value);
        Assert.Equal((double)HealthStatus.Healthy, health["gauge-running"]);
        Assert.Equal((double)HealthStatus.Down, health["gauge-off"]);
    }

    [Fact]
    public async Task StartDuration_IsMeasuredOnTheRuntimesClock()
    {
        var slow = _harness.Add("slow-start");
        slow.OnStart = async (context, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), context.TimeProvider, ct);
            return Result.Success();
        };
        var runtime = _harness.Build();

        var starting = runtime.StartAllAsync().AsTask();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2)).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(2));
        await starting.WaitAsync(RuntimeHarness.Guard);

        var duration = Assert.Single(Measured("lodestar.module.start.duration"));
        Assert.Equal(2.0, duration.Value);
        Assert.Equal("slow-start", duration.Tags["lodestar.module.id"]);
        Assert.Equal("success", duration.Tags["lodestar.module.outcome"]);
    }

    [Fact]
    public async Task StartDuration_FailedStart_IsTaggedFailure()
    {
        var broken = _harness.Add("broken-start");
        broken.OnStart = (_, _) => new(Error.Unavailable("broken.start", "It does not start."));
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        Assert.Equal("failure", Assert.Single(Measured("lodestar.module.start.duration")).Tags["lodestar.module.outcome"]);
    }

    [Fact]
    public async Task StopDuration_GracefulStop_IsMeasuredAndTaggedGraceful()
    {
        var storage = _harness.Add("timed-stop");
        storage.OnStop = async (context, ct) => await Task.Delay(TimeSpan.FromSeconds(3), context.TimeProvider, ct);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var stopping = runtime.DisableAsync("timed-stop").AsTask();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3)).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(3));
        await stopping.WaitAsync(RuntimeHarness.Guard);

        var duration = Assert.Single(Measured("lodestar.module.stop.duration"));
        Assert.Equal(3.0, duration.Value);
        Assert.Equal("graceful", duration.Tags["lodestar.module.outcome"]);
    }

    [Fact]
    public async Task StopDuration_StopThatThrows_IsTaggedForced()
    {
        var storage = _harness.Add("forced-stop");
        storage.OnStop = (_, _) => throw new IOException("flush failed");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("forced-stop");

        Assert.Equal("forced", Assert.Single(Measured("lodestar.module.stop.duration")).Tags["lodestar.module.outcome"]);
    }

    [Fact]
    public async Task Restarts_RequestedRestart_IsCountedWithItsTrigger()
    {
        _harness.Add("restarted");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.RestartAsync("restarted");

        var restart = Assert.Single(Measured("lodestar.module.restarts"));
        Assert.Equal(1, restart.Value);
        Assert.Equal("restarted", restart.Tags["lodestar.module.id"]);
        Assert.Equal("request", restart.Tags["lodestar.restart.trigger"]);
    }

    [Fact]
    public async Task Restarts_SupervisorRestart_IsCountedWithItsTrigger()
    {
        var flaky = _harness.Add("flaky");
        flaky.OnStart = (_, _) => new(flaky.Starts < 2 ? Error.Unavailable("flaky.down", "Not yet.") : Result.Success());
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = new RestartPolicy { MaxRestarts = 3, InitialBackoff = TimeSpan.FromSeconds(1) });
        await runtime.StartAllAsync();

        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1)).WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("flaky", ModuleState.Running);

        Assert.Equal("supervisor", Assert.Single(Measured("lodestar.module.restarts")).Tags["lodestar.restart.trigger"]);
    }

    [Fact]
    public async Task HealthChanges_AreCountedWithTheNewStatus()
    {
        _harness.Add(new CheckedModule { OnCheck = _ => new(HealthReport.Down("disk full")) }, "counted-health");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        var monitor = _harness.Services.GetRequiredService<IModuleHealthMonitor>();
        monitor.Start();
        await monitor.StopAsync().AsTask().WaitAsync(RuntimeHarness.Guard);

        await monitor.CheckAsync("counted-health");

        var change = Assert.Single(Measured("lodestar.module.health.changes"));
        Assert.Equal("counted-health", change.Tags["lodestar.module.id"]);
        Assert.Equal("Down", change.Tags["lodestar.health.status"]);
    }

    [Fact]
    public async Task Activities_StartAndStop_AreTracedWithTheModule()
    {
        var stopped = new List<Activity>();
        using var listener = ListenTo(stopped, "traced");
        _harness.Add("traced");
        var runtime = _harness.Build();

        await runtime.StartAllAsync();
        await runtime.DisableAsync("traced");

        Assert.Equal(["lodestar.start traced", "lodestar.stop traced"], stopped.Select(a => a.OperationName));
        Assert.All(stopped, a => Assert.Equal("traced", a.GetTagItem("lodestar.module.id")));
        Assert.Equal("success", stopped[0].GetTagItem("lodestar.module.outcome"));
        Assert.Equal("graceful", stopped[1].GetTagItem("lodestar.module.outcome"));
    }

    [Fact]
    public async Task Activities_FailedStart_HasErrorStatusAndCode()
    {
        var stopped = new List<Activity>();
        using var listener = ListenTo(stopped, "traced-failure");
        var broken = _harness.Add("traced-failure");
        broken.OnStart = (_, _) => new(Error.Unavailable("broken.start", "It does not start."));
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        var start = Assert.Single(stopped);
        Assert.Equal(ActivityStatusCode.Error, start.Status);
        Assert.Equal("broken.start", start.GetTagItem("lodestar.error.code"));
    }

    [Fact]
    public async Task Activities_Restart_IsTheParentOfItsStopAndStart()
    {
        var stopped = new List<Activity>();
        using var listener = ListenTo(stopped, "traced-restart");
        _harness.Add("traced-restart");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        lock (stopped)
        {
            stopped.Clear();
        }

        await runtime.RestartAsync("traced-restart");

        var restart = Assert.Single(stopped, a => a.OperationName == "lodestar.restart traced-restart");
        Assert.Equal(
            ["lodestar.stop traced-restart", "lodestar.start traced-restart"],
            stopped.Where(a => a.ParentSpanId == restart.SpanId).Select(a => a.OperationName));
    }
}
