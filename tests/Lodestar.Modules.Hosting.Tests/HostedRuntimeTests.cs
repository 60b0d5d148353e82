using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Hosting.Tests;

public sealed class HostedRuntimeTests
{
    [Module("storage", "1.0.0")]
    private sealed class StorageModule : LodestarModule
    {
        public int Starts;
        public int Stops;
        public int ForceStops;

        public Func<CancellationToken, ValueTask> OnStop { get; set; } = static _ => default;

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Starts);
            return new(Result.Success());
        }

        protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Stops);
            return OnStop(cancellationToken);
        }

        protected override void ForceStop() => Interlocked.Increment(ref ForceStops);
    }

    [Module("tracker", "1.0.0")]
    [DependsOn("ledger")]
    private sealed class TrackerNeedingUnknownModule : LodestarModule;

    /// <summary>A container handler of health changes whose construction throws, as one with a missing setting does.</summary>
    private sealed class UnbuildablePager : IEventHandler<ModuleHealthChanged>
    {
        public UnbuildablePager() => throw new InvalidOperationException("the pager's API key is missing");

        public void Handle(ModuleHealthChanged message)
        {
        }
    }

    private static IHost BuildHost(Action<LodestarModulesBuilder> addModules, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        addModules(builder.Services.AddLodestarModules(builder.Configuration));
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task Host_StartAndStop_StartsAndStopsTheModules()
    {
        var storage = new StorageModule();
        using var host = BuildHost(b => b.AddModule(storage));
        var runtime = host.Services.GetRequiredService<IModuleRuntime>();

        await host.StartAsync();
        var whileRunning = runtime.GetSnapshot("storage").Value.State;
        await host.StopAsync();

        Assert.Equal(ModuleState.Running, whileRunning);
        Assert.Equal(ModuleState.Disabled, runtime.GetSnapshot("storage").Value.State);
        Assert.Equal(1, storage.Starts);
        Assert.Equal(1, storage.Stops);
    }

    [Fact]
    public async Task Host_InvalidModuleGraph_FailsToStartWithTheReason()
    {
        using var host = BuildHost(b => b.AddModule<TrackerNeedingUnknownModule>());

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("'tracker' requires 'ledger'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("module.graph.unknown-dependency", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_ContainerHandlerOfHealthChangesCannotBeBuilt_FailsToStartWithTheBusError()
    {
        using var host = BuildHost(
            b => b.AddModule(new StorageModule()),
            s => s.AddSingleton<IEventHandler<ModuleHealthChanged>, UnbuildablePager>());

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("IEventHandler<ModuleHealthChanged>", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("the pager's API key is missing", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_HealthMonitorCannotStart_StopsTheModulesItStarted()
    {
        var storage = new StorageModule();
        using var host = BuildHost(
            b => b.AddModule(storage),
            s => s.AddSingleton<IEventHandler<ModuleHealthChanged>, UnbuildablePager>());

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        var state = host.Services.GetRequiredService<IModuleRuntime>().GetSnapshot("storage").Value.State;
        Assert.Equal((1, ModuleState.Disabled), (storage.Stops, state));
    }

    [Fact]
    public async Task Host_ShutdownTimeoutAlreadyExpired_ForcesModulesInsteadOfWaiting()
    {
        var storage = new StorageModule { OnStop = async ct => await Task.Delay(Timeout.InfiniteTimeSpan, ct) };
        using var host = BuildHost(b => b.AddModule(storage));
        await host.StartAsync();
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();

        await host.StopAsync(expired.Token).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, storage.ForceStops);
        Assert.Equal(ModuleState.Disabled, host.Services.GetRequiredService<IModuleRuntime>().GetSnapshot("storage").Value.State);
    }

    [Fact]
    public void AddLodestarModules_CalledTwice_RegistersOneHostedService()
    {
        var services = new ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        services.AddLodestarModules(configuration);
        services.AddLodestarModules(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }
}
