using System.Collections.Concurrent;
using Lodestar.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Support;

/// <summary>Builds a runtime over <see cref="TestModule"/>s declared by id, on a fake clock, and records every state change.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    /// <summary>A generous guard so a broken runtime fails the test instead of hanging it; never an expectation about speed.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly List<(LodestarModule Module, ModuleManifest Manifest)> _modules = [];
    private readonly ConcurrentQueue<ModuleStateChanged> _changes = new();
    private ServiceProvider? _provider;

    public FakeTimeProvider Time { get; } = new();

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Registers extra services (a meter factory, an authorizer) before the container is built.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public IModuleRuntime Runtime { get; private set; } = null!;

    /// <summary>The configuration built from <see cref="Settings"/>; a test changes a value through it as a reload would.</summary>
    public IConfigurationRoot Configuration { get; private set; } = null!;

    public IServiceProvider Services => _provider ?? throw new InvalidOperationException("Call Build first.");

    public IReadOnlyList<ModuleStateChanged> Changes => [.. _changes];

    public TestModule Add(
        string id,
        string[]? requires = null,
        string[]? optional = null,
        ModuleCapability[]? capabilities = null,
        int gracefulSeconds = 30,
        int forceSeconds = 5)
    {
        var module = new TestModule();
        Add(module, id, requires, optional, capabilities, gracefulSeconds, forceSeconds);
        return module;
    }

    public void Add(
        LodestarModule module,
        string id,
        string[]? requires = null,
        string[]? optional = null,
        ModuleCapability[]? capabilities = null,
        int gracefulSeconds = 30,
        int forceSeconds = 5,
        int healthIntervalSeconds = 30,
        int healthTimeoutSeconds = 5)
    {
        var dependencies = new List<ModuleDependency>();
        foreach (var dependency in requires ?? [])
        {
            dependencies.Add(new ModuleDependency(dependency, Optional: false));
        }

        foreach (var dependency in optional ?? [])
        {
            dependencies.Add(new ModuleDependency(dependency, Optional: true));
        }

        var manifest = ModuleManifest.Create(
            module.GetType(), id, "1.0.0", dependencies: dependencies, capabilities: capabilities,
            healthCheckIntervalSeconds: healthIntervalSeconds, healthCheckTimeoutSeconds: healthTimeoutSeconds,
            gracefulStopSeconds: gracefulSeconds, forceStopSeconds: forceSeconds).Value;
        _modules.Add((module, manifest));
    }

    public IModuleRuntime Build(Action<ModuleRuntimeOptions>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        Configuration = configuration;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        ConfigureServices?.Invoke(services);
        var builder = services.AddLodestarModulesCore(configuration);
        foreach (var (module, manifest) in _modules)
        {
            builder.AddModule(module, manifest);
        }

        if (configure is not null)
        {
            builder.ConfigureRuntime(configure);
        }

        _provider = services.BuildServiceProvider();
        Runtime = _provider.GetRequiredService<IModuleRuntime>();
        Runtime.StateChanged += (_, change) => _changes.Enqueue(change);
        return Runtime;
    }

    public ModuleState StateOf(string id) => Runtime.GetSnapshot(id).Value.State;

    public ModuleSnapshot Snapshot(string id) => Runtime.GetSnapshot(id).Value;

    /// <summary>Completes when module <paramref name="id"/> reaches <paramref name="state"/> for the <paramref name="occurrence"/>-th time (counting changes already seen).</summary>
    public Task WaitForAsync(string id, ModuleState state, int occurrence = 1)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The harness's own handler (subscribed first) has queued each change before this one runs.
        void Check()
        {
            if (_changes.Count(c => c.ModuleId == id && c.Current == state) >= occurrence)
            {
                reached.TrySetResult();
            }
        }

        Runtime.StateChanged += (_, _) => Check();
        Check();
        return reached.Task.WaitAsync(Guard);
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }
}
