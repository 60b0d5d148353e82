using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>Default health from the state, the aggregate, and reports kept per run.</summary>
public sealed class ModuleHealthMonitorTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    [Fact]
    public async Task GetReport_RunningModuleNotCheckedYet_IsHealthyWithUptime()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        _harness.Time.Advance(TimeSpan.FromSeconds(42));

        var report = Monitor.GetReport("storage").Value;

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(TimeSpan.FromSeconds(42), report.Uptime);
    }

    [Fact]
    public async Task GetReport_DisabledModule_IsDownAndSaysHowToFixIt()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = Monitor.GetReport("storage").Value;

        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Equal("Module 'storage' is disabled. Enable it to run it.", report.Description);
    }

    [Fact]
    public async Task GetReport_ModuleOffBecauseItsEnabledSettingIsInvalid_SaysSoInItsDescription()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "maybe";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = Monitor.GetReport("storage").Value;

        Assert.Contains("its Enabled setting is invalid", report.Description, StringComparison.Ordinal);
        Assert.Contains("'Lodestar:Modules:storage:Enabled' of module 'storage' is 'maybe'", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReport_ModuleOffBecauseItsEnabledSettingIsInvalid_CarriesTheConfigurationError()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "maybe";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = Monitor.GetReport("storage").Value;

        Assert.Equal("module.configuration.invalid-enabled", report.LastError?.Code);
    }

    [Fact]
    public async Task GetReport_ModuleWithAnInvalidSettingEnabledThenDisabledAtRunTime_ReadsPlainlyDisabled()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "maybe";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        await runtime.EnableAsync("storage");
        await runtime.DisableAsync("storage");

        var report = Monitor.GetReport("storage").Value;

        Assert.Equal("Module 'storage' is disabled. Enable it to run it.", report.Description);
    }

    /// <summary>
    /// The invalid value is corrected to false and the runtime started again: the module is now off
    /// because its setting says so, and its report must no longer blame an invalid setting.
    /// </summary>
    [Fact]
    public async Task GetReport_InvalidEnabledSettingCorrectedToFalseBeforeTheNextStartAll_ReadsPlainlyDisabled()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "maybe";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        _harness.Configuration["Lodestar:Modules:storage:Enabled"] = "false";

        await runtime.StartAllAsync();

        Assert.Equal("Module 'storage' is disabled. Enable it to run it.", Monitor.GetReport("storage").Value.Description);
    }

    /// <summary>Guard (passes before the fix too): the description changes, the status stays that of any disabled module.</summary>
    [Fact]
    public async Task GetReport_ModuleOffBecauseItsEnabledSettingIsInvalid_IsDownLikeAnyDisabledModule()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "maybe";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        Assert.Equal(HealthStatus.Down, Monitor.GetReport("storage").Value.Status);
    }

    [Fact]
    public async Task GetReport_BlockedModule_IsDownNamingTheMissingDependencies()
    {
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["storage"]);
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = Monitor.GetReport("tracker").Value;

        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Contains("blocked: required dependencies not running: storage", report.Description, StringComparison.Ordinal);
        Assert.Equal(new[] { "storage" }, report.Data["missingDependencies"]);
    }

    [Fact]
    public async Task GetReport_FailedModule_IsDownWithItsLastError()
    {
        var crash = Error.Unavailable("storage.crash", "The storage engine crashed.");
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(crash);
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        await runtime.StartAllAsync();

        var report = Monitor.GetReport("storage").Value;

        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Same(crash, report.LastError);
        Assert.Equal("Module 'storage' failed: The storage engine crashed.", report.Description);
    }

    [Fact]
    public async Task GetReport_UnknownModule_IsNotFound()
    {
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        Assert.Equal("module.not-found", Monitor.GetReport("ledger").Error!.Code);
    }

    [Fact]
    public async Task CheckAsync_ModuleOverride_RefinesTheReport()
    {
        var storage = new CheckedModule { OnCheck = _ => new(HealthReport.Degraded("queue 9,500 of 10,000")) };
        _harness.Add(storage, "storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = (await Monitor.CheckAsync("storage")).Value;

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal("queue 9,500 of 10,000", report.Description);
        Assert.Equal(HealthStatus.Degraded, Monitor.GetReport("storage").Value.Status);
    }

    [Fact]
    public async Task CheckAsync_NotRunningModule_DoesNotCallItsCheck()
    {
        var storage = new CheckedModule();
        _harness.Add(storage, "storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var report = (await Monitor.CheckAsync("storage")).Value;

        Assert.Equal(HealthStatus.Down, report.Status);
        Assert.Equal(0, storage.Checks);
    }

    [Fact]
    public async Task GetReport_AfterRestart_ForgetsTheCheckOfThePreviousRun()
    {
        var storage = new CheckedModule { OnCheck = _ => new(HealthReport.Degraded("slow disk")) };
        _harness.Add(storage, "storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        await Monitor.CheckAsync("storage");

        await runtime.RestartAsync("storage");

        Assert.Equal(HealthStatus.Healthy, Monitor.GetReport("storage").Value.Status);
    }

    [Fact]
    public async Task Aggregate_DisabledModule_DoesNotCount()
    {
        _harness.Add("storage");
        _harness.Add("alerts");
        _harness.Settings["Lodestar:Modules:alerts:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        Assert.Equal(HealthStatus.Down, Monitor.GetReport("alerts").Value.Status);
        Assert.Equal(HealthStatus.Healthy, Monitor.GetAggregateStatus());
    }

    [Fact]
    public async Task Aggregate_IsTheWorstStatusOfTheEnabledModules()
    {
        var storage = new CheckedModule { OnCheck = _ => new(HealthReport.Degraded("queue backing up")) };
        _harness.Add(storage, "storage");
        _harness.Add("pricing");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await Monitor.CheckAsync("storage");

        Assert.Equal(HealthStatus.Degraded, Monitor.GetAggregateStatus());
    }

    [Fact]
    public async Task Aggregate_BlockedModuleThatIsWanted_MakesItDown()
    {
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["storage"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("storage");

        Assert.Equal(ModuleState.Blocked, _harness.StateOf("tracker"));
        Assert.Equal(HealthStatus.Down, Monitor.GetAggregateStatus());
    }

    [Fact]
    public async Task Snapshot_CarriesHealthAndWhetherTheModuleIsEnabled()
    {
        _harness.Add("storage");
        _harness.Add("alerts");
        _harness.Settings["Lodestar:Modules:alerts:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var storage = _harness.Snapshot("storage");
        var alerts = _harness.Snapshot("alerts");

        Assert.True(storage.IsEnabled);
        Assert.Equal(HealthStatus.Healthy, storage.Health.Status);
        Assert.False(alerts.IsEnabled);
        Assert.Equal(HealthStatus.Down, alerts.Health.Status);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_HandlerFailureRateOutsideZeroToOne_IsRejectedWithTheSetting(double rate)
    {
        _harness.Add("storage");

        var thrown = Assert.Throws<InvalidOperationException>(() => _harness.Build(o => o.Health.HandlerFailureRate = rate));

        Assert.Contains("Health.HandlerFailureRate", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_HandlerFailureMinimumDeliveriesBelowOne_IsRejectedWithTheSetting()
    {
        _harness.Add("storage");

        var thrown = Assert.Throws<InvalidOperationException>(() => _harness.Build(o => o.Health.HandlerFailureMinimumDeliveries = 0));

        Assert.Contains("Health.HandlerFailureMinimumDeliveries", thrown.Message, StringComparison.Ordinal);
    }
}
