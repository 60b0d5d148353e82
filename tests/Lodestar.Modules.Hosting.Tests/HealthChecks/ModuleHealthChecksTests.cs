using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using AspNetHealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace Lodestar.Modules.Hosting.Tests.HealthChecks;

public sealed class ModuleHealthChecksTests : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private IHost? _host;

    [Module("storage", "1.0.0")]
    private sealed class StorageModule : LodestarModule
    {
        public HealthReport Report { get; set; } = HealthReport.Healthy;

        protected override ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => new(Report);
    }

    [Module("tracker", "1.0.0")]
    [DependsOn("storage")]
    private sealed class TrackerModule : LodestarModule;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync().WaitAsync(Guard);
            _host.Dispose();
        }
    }

    private async Task<IHost> StartAsync(StorageModule storage, Action<IHealthChecksBuilder>? health = null, string? disabledModule = null, string disabledWith = "false")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (disabledModule is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Lodestar:Modules:" + disabledModule + ":Enabled", disabledWith)]);
        }

        builder.Logging.ClearProviders();

        // A clock that stands still: latencies are exactly zero, so no alert rule depends on the machine's speed.
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        builder.Services.AddLodestarModules(builder.Configuration).AddModule(storage).AddModule<TrackerModule>();
        var checks = builder.Services.AddHealthChecks();
        (health ?? (b => b.AddLodestarModules()))(checks);
        _host = builder.Build();
        await _host.StartAsync().WaitAsync(Guard);
        return _host;
    }

    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport> CheckAsync(IHost host, params string[] moduleIdsToCheckFirst)
    {
        var monitor = host.Services.GetRequiredService<IModuleHealthMonitor>();
        foreach (var id in moduleIdsToCheckFirst)
        {
            await monitor.CheckAsync(id);
        }

        return await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Guard);
    }

    [Fact]
    public async Task AddLodestarModules_RegistersOneCheckPerModuleWithItsTags()
    {
        var host = await StartAsync(new StorageModule(), b => b.AddLodestarModules(["ready"]));

        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(["module:storage", "module:tracker"], registrations.Select(r => r.Name));
        Assert.Equal(["lodestar", "module:storage", "ready"], registrations.First().Tags.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddLodestarModules_CalledTwice_RegistersEachModuleOnce()
    {
        var host = await StartAsync(new StorageModule(), b => b.AddLodestarModules().AddLodestarModules());

        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(2, registrations.Count);
    }

    [Fact]
    public async Task AddLodestarModules_CalledAgainWithTags_AddsThemToEveryModulesCheck()
    {
        // A library registers the modules' checks; the application asks for them again, tagged for its
        // readiness probe. Dropping the tags would leave /health/ready with no module check: always Healthy.
        var host = await StartAsync(new StorageModule(), b => b.AddLodestarModules().AddLodestarModules(["ready"]));

        var registrations = host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        Assert.Equal(2, registrations.Count);
        Assert.All(registrations, r => Assert.Contains("ready", r.Tags));
    }

    [Fact]
    public async Task HealthChecks_EveryModuleRunning_AreHealthyWithTheSeedsFigures()
    {
        var host = await StartAsync(new StorageModule());

        var report = await CheckAsync(host, "storage");

        Assert.Equal(AspNetHealthStatus.Healthy, report.Status);
        var storage = report.Entries["module:storage"];
        Assert.Equal("Running", storage.Data["state"]);
        Assert.Equal("Healthy", storage.Data["status"]);
        Assert.True(storage.Data.ContainsKey("latency_ms"));
        Assert.True(storage.Data.ContainsKey("uptime_seconds"));
    }

    [Fact]
    public async Task HealthChecks_DegradedModule_IsDegraded()
    {
        var host = await StartAsync(new StorageModule { Report = HealthReport.Degraded("queue 9,500 of 10,000") });

        var report = await CheckAsync(host, "storage");

        Assert.Equal(AspNetHealthStatus.Degraded, report.Status);
        Assert.Equal("queue 9,500 of 10,000", report.Entries["module:storage"].Description);
    }

    [Fact]
    public async Task HealthChecks_DownModule_IsUnhealthyWithItsError()
    {
        var full = Error.Unavailable("storage.disk-full", "The disk is full.");
        var host = await StartAsync(new StorageModule { Report = HealthReport.Down("disk full", full) });

        var report = await CheckAsync(host, "storage");

        Assert.Equal(AspNetHealthStatus.Unhealthy, report.Status);
        Assert.Equal("storage.disk-full", report.Entries["module:storage"].Data["last_error_code"]);
    }

    [Fact]
    public async Task HealthChecks_DownModuleWhoseRegistrationFailsDegraded_IsDegraded()
    {
        // As every health check should, a module's check reports a failure with its registration's
        // FailureStatus, so an application can let an optional module's failure only degrade it.
        var full = Error.Unavailable("storage.disk-full", "The disk is full.");
        var host = await StartAsync(
            new StorageModule { Report = HealthReport.Down("disk full", full) },
            b =>
            {
                b.AddLodestarModules();
                b.Services.PostConfigure<HealthCheckServiceOptions>(o => o.Registrations.Single(r => r.Name == "module:storage").FailureStatus = AspNetHealthStatus.Degraded);
            });

        var report = await CheckAsync(host, "storage");

        Assert.Equal(AspNetHealthStatus.Degraded, report.Entries["module:storage"].Status);
        Assert.Equal("disk full", report.Entries["module:storage"].Description);
    }

    [Fact]
    public async Task HealthChecks_DisabledModule_IsHealthyAndMarkedNotEnabled()
    {
        var host = await StartAsync(new StorageModule(), disabledModule: "tracker");

        var report = await CheckAsync(host);

        Assert.Equal(AspNetHealthStatus.Healthy, report.Status);
        Assert.Equal(false, report.Entries["module:tracker"].Data["enabled"]);
        Assert.Equal("Down", report.Entries["module:tracker"].Data["status"]);
    }

    [Fact]
    public async Task HealthChecks_ModuleOffBecauseItsEnabledSettingIsInvalid_SaysWhyInItsDescription()
    {
        // The monitor's report says the setting is invalid; the health check's description must not hide it
        // behind a plain "is disabled", or /health shows a misconfigured module as one turned off on purpose.
        var host = await StartAsync(new StorageModule(), disabledModule: "tracker", disabledWith: "maybe");

        var report = await CheckAsync(host);

        var tracker = report.Entries["module:tracker"];
        Assert.Equal(AspNetHealthStatus.Healthy, tracker.Status);
        Assert.Contains("its Enabled setting is invalid", tracker.Description, StringComparison.Ordinal);
        Assert.Contains("'maybe'", tracker.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthChecks_DependentBlocked_IsUnhealthyNamingTheMissingDependency()
    {
        var host = await StartAsync(new StorageModule());

        await host.Services.GetRequiredService<IModuleRuntime>().DisableAsync("storage");
        var report = await CheckAsync(host);

        Assert.Equal(AspNetHealthStatus.Unhealthy, report.Status);
        Assert.Equal(AspNetHealthStatus.Healthy, report.Entries["module:storage"].Status);
        Assert.Contains("storage", report.Entries["module:tracker"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_StartAndStop_StartsAndStopsTheHealthMonitor()
    {
        var host = await StartAsync(new StorageModule());
        var monitor = host.Services.GetRequiredService<IModuleHealthMonitor>();
        var whileRunning = monitor.IsRunning;

        await host.StopAsync().WaitAsync(Guard);

        Assert.True(whileRunning);
        Assert.False(monitor.IsRunning);
    }

    [Fact]
    public void AddLodestarModules_WithoutTheModuleRuntime_ExplainsWhatIsMissing()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddLodestarModules();
        using var provider = services.BuildServiceProvider();

        var thrown = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value);

        Assert.Contains("services.AddLodestarModules(configuration)", thrown.Message, StringComparison.Ordinal);
    }
}
