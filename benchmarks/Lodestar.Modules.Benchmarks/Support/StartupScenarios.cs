using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lodestar.Modules.Benchmarks;

/// <summary>A module whose start waits a fixed delay, standing for real I/O at start-up.</summary>
public sealed class DelayModule(TimeSpan delay) : LodestarModule
{
    protected override async ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        return Result.Success();
    }
}

/// <summary>The same work as a plain hosted service.</summary>
public sealed class DelayHostedService(TimeSpan delay) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class StartupScenarios
{
    /// <summary>
    /// Builds, starts and stops a Generic Host whose work is <paramref name="count"/> hosted services,
    /// started one after another (the host's default) or, with <paramref name="concurrently"/>, all at
    /// once (<see cref="HostOptions.ServicesStartConcurrently"/> and <see cref="HostOptions.ServicesStopConcurrently"/>).
    /// </summary>
    public static async Task HostedServicesAsync(int count, TimeSpan delay, bool concurrently = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (concurrently)
        {
            builder.Services.Configure<HostOptions>(options =>
            {
                options.ServicesStartConcurrently = true;
                options.ServicesStopConcurrently = true;
            });
        }

        for (var i = 0; i < count; i++)
        {
            builder.Services.AddSingleton<IHostedService>(new DelayHostedService(delay));
        }

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Builds, starts and stops the same Generic Host whose work is <paramref name="count"/> modules, each depending on the previous one when <paramref name="chain"/> is set.</summary>
    public static async Task ModulesAsync(int count, TimeSpan delay, bool chain)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var modules = builder.Services.AddLodestarModules(builder.Configuration);
        for (var i = 0; i < count; i++)
        {
            IReadOnlyList<ModuleDependency> dependencies = chain && i > 0 ? [new ModuleDependency("m" + (i - 1), Optional: false)] : [];
            var manifest = ModuleManifest.Create(typeof(DelayModule), "m" + i, "1.0.0", dependencies: dependencies).Value;
            modules.AddModule(new DelayModule(delay), manifest);
        }

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The same host and modules, but the host starts only what <paramref name="part"/> names, to
    /// split what a start-up costs: the registrations alone, or the modules without the health monitor.
    /// </summary>
    public static async Task ModulesPartAsync(int count, StartupPart part)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var modules = builder.Services.AddLodestarModulesCore(builder.Configuration);
        for (var i = 0; i < count; i++)
        {
            var manifest = ModuleManifest.Create(typeof(DelayModule), "m" + i, "1.0.0").Value;
            modules.AddModule(new DelayModule(TimeSpan.Zero), manifest);
        }

        if (part == StartupPart.ModulesWithoutHealthMonitor)
        {
            builder.Services.AddHostedService<RuntimeOnlyHostedService>();
        }

        using var host = builder.Build();
        await host.StartAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);
    }
}

/// <summary>What <see cref="StartupScenarios.ModulesPartAsync"/> starts.</summary>
public enum StartupPart
{
    /// <summary>Nothing of ours: the modules are registered, the runtime is never made.</summary>
    RegistrationsOnly,

    /// <summary>The runtime starts and stops the modules; the health monitor is never started.</summary>
    ModulesWithoutHealthMonitor,
}

/// <summary>Starts and stops the module runtime, without its health monitor.</summary>
internal sealed class RuntimeOnlyHostedService(IModuleRuntime runtime) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await runtime.StartAllAsync(cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken) => await runtime.StopAllAsync(cancellationToken).ConfigureAwait(false);
}
