using System.Security.Claims;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Hosting.Tests;

/// <summary>
/// A start-up that throws (not a failure <see cref="Result"/>) after some modules started leaves no
/// module running: the host calls no StopAsync for a service whose start failed.
/// </summary>
public sealed class HostedStartThrowsTests
{
    [Module("storage", "1.0.0")]
    private sealed class StorageModule : LodestarModule
    {
        public int Stops;

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) => new(Result.Success());

        protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Stops);
            return default;
        }
    }

    private sealed class StartUpCrashedException() : Exception("the start-up crashed after the modules started");

    /// <summary>The real runtime, whose <see cref="StartAllAsync"/> starts the modules, then throws; counts the stops asked of it.</summary>
    private sealed class StartThenThrowRuntime(IModuleRuntime inner, Exception toThrow) : IModuleRuntime
    {
        public int StopAllCalls;

        public IModuleRuntime Inner => inner;

        public event EventHandler<ModuleStateChanged>? StateChanged
        {
            add => inner.StateChanged += value;
            remove => inner.StateChanged -= value;
        }

        public async ValueTask<Result> StartAllAsync(CancellationToken cancellationToken = default)
        {
            await inner.StartAllAsync(cancellationToken);
            throw toThrow;
        }

        public ValueTask StopAllAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref StopAllCalls);
            return inner.StopAllAsync(cancellationToken);
        }

        public ValueTask<Result> EnableAsync(string moduleId, CancellationToken cancellationToken = default) => inner.EnableAsync(moduleId, cancellationToken);

        public ValueTask<Result> DisableAsync(string moduleId, CancellationToken cancellationToken = default) => inner.DisableAsync(moduleId, cancellationToken);

        public ValueTask<Result> RestartAsync(string moduleId, CancellationToken cancellationToken = default) => inner.RestartAsync(moduleId, cancellationToken);

        public ValueTask<Result> EnableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) => inner.EnableAsync(moduleId, caller, cancellationToken);

        public ValueTask<Result> DisableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) => inner.DisableAsync(moduleId, caller, cancellationToken);

        public ValueTask<Result> RestartAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) => inner.RestartAsync(moduleId, caller, cancellationToken);

        public ValueTask<Result> AuthorizeAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) =>
            inner.AuthorizeAsync(permission, moduleId, caller, cancellationToken);

        public IReadOnlyList<ModuleSnapshot> GetSnapshots() => inner.GetSnapshots();

        public Result<ModuleSnapshot> GetSnapshot(string moduleId) => inner.GetSnapshot(moduleId);

        public ValueTask<IReadOnlyList<ModuleSnapshot>> GetSnapshotsAsync(ClaimsPrincipal? caller, CancellationToken cancellationToken = default) => inner.GetSnapshotsAsync(caller, cancellationToken);

        public ValueTask<Result<ModuleSnapshot>> GetSnapshotAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default) =>
            inner.GetSnapshotAsync(moduleId, caller, cancellationToken);
    }

    /// <summary>Builds a host whose hosted service gets the real runtime wrapped in <see cref="StartThenThrowRuntime"/>.</summary>
    private static IHost BuildHost(StorageModule storage, Exception toThrow, out Func<StartThenThrowRuntime> runtime)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddLodestarModules(builder.Configuration).AddModule(storage);
        var real = builder.Services.Single(d => d.ServiceType == typeof(IModuleRuntime)).ImplementationFactory!;
        builder.Services.Replace(ServiceDescriptor.Singleton<IModuleRuntime>(p => new StartThenThrowRuntime((IModuleRuntime)real(p), toThrow)));
        var host = builder.Build();
        runtime = () => (StartThenThrowRuntime)host.Services.GetRequiredService<IModuleRuntime>();
        return host;
    }

    [Fact]
    public async Task Host_RuntimeStartThrows_StopsTheModulesItStarted()
    {
        var storage = new StorageModule();
        using var host = BuildHost(storage, new StartUpCrashedException(), out var runtime);

        await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var state = runtime().Inner.GetSnapshot("storage").Value.State;
        Assert.Equal((1, 1, ModuleState.Disabled), (runtime().StopAllCalls, storage.Stops, state));
    }

    [Fact]
    public async Task Host_RuntimeStartThrows_FailsWithTheOriginalException()
    {
        var crash = new StartUpCrashedException();
        using var host = BuildHost(new StorageModule(), crash, out _);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Same(crash, thrown);
    }
}
