using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Hosting.Tests;

/// <summary>A host whose start is cancelled (Ctrl+C during start-up) leaves no module running.</summary>
public sealed class HostedStartCancelledTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Module("storage", "1.0.0")]
    private sealed class StorageModule : LodestarModule
    {
        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) => new(Result.Success());
    }

    /// <summary>Starts after storage and never finishes its start; honours the cancellation of it.</summary>
    [Module("slowpoke", "1.0.0")]
    [DependsOn("storage")]
    private sealed class SlowModule : LodestarModule
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return Result.Success();
        }
    }

    /// <summary>Starts at once; its graceful stop waits until its token is cancelled, and records that.</summary>
    [Module("storage", "1.0.0")]
    [Shutdown(GracefulSeconds = 300)]
    private sealed class SlowToStopStorageModule : LodestarModule
    {
        public TaskCompletionSource<CancellationToken> StopEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) => new(Result.Success());

        protected override async ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            StopEntered.TrySetResult(cancellationToken);
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
    }

    [Module("tracker", "1.0.0")]
    [DependsOn("storage")]
    private sealed class TrackerModule : LodestarModule;

    [Module("alerts", "1.0.0")]
    [DependsOn("storage")]
    private sealed class AlertsModule : LodestarModule;

    /// <summary>
    /// The host calls no StopAsync for a service whose start failed, so the hosted service stops the
    /// modules that had started ("storage") before it reports the cancellation.
    /// </summary>
    [Fact]
    public async Task Host_StartCancelledWhileAModuleStarts_LeavesNoModuleRunning()
    {
        var slow = new SlowModule();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddLodestarModules(builder.Configuration)
            .AddModule(new StorageModule())
            .AddModule(slow)
            .AddModule(new TrackerModule())
            .AddModule(new AlertsModule())
            .ConfigureRuntime(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        using var host = builder.Build();
        var runtime = host.Services.GetRequiredService<IModuleRuntime>();
        using var shutdown = new CancellationTokenSource();

        var starting = host.StartAsync(shutdown.Token);
        await slow.Entered.Task.WaitAsync(Guard);
        await shutdown.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting.WaitAsync(Guard));

        Assert.NotEqual(ModuleState.Running, runtime.GetSnapshot("storage").Value.State);
    }

    /// <summary>
    /// The modules that did start are stopped within the host's shutdown timeout, not within their
    /// own (longer) graceful stop timeouts: past it they are forced and the host's start ends.
    /// </summary>
    [Fact]
    public async Task Host_StartCancelled_StopsStartedModulesWithinTheHostShutdownTimeout()
    {
        var time = new FakeTimeProvider();
        var storage = new SlowToStopStorageModule();
        var slow = new SlowModule();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddLodestarModules(builder.Configuration)
            .AddModule(storage)
            .AddModule(slow) // with the two below in the same layer, so the start-up ends as cancelled (as above)
            .AddModule(new TrackerModule())
            .AddModule(new AlertsModule())
            .ConfigureRuntime(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        using var host = builder.Build();
        using var shutdown = new CancellationTokenSource();

        var starting = host.StartAsync(shutdown.Token);
        try
        {
            await slow.Entered.Task.WaitAsync(Guard);
            await shutdown.CancelAsync();
            var stopToken = await storage.StopEntered.Task.WaitAsync(Guard); // the clean-up stop's deadline is armed before it calls StopAsync
            time.Advance(TimeSpan.FromSeconds(5));

            Assert.True(stopToken.IsCancellationRequested, "the clean-up stop ignored the host's 5 s shutdown timeout");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting.WaitAsync(Guard));
        }
        finally
        {
            time.Advance(TimeSpan.FromMinutes(10)); // lets a clean-up stop bounded only by the graceful timeout end, so the host can be disposed
        }
    }
}
