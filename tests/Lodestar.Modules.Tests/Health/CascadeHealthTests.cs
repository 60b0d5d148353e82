using System.Collections.Concurrent;
using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Health;

/// <summary>Health reports told at a state change must describe that state completely.</summary>
public sealed class CascadeHealthTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public async ValueTask DisposeAsync()
    {
        if (_harness.Runtime is not null)
        {
            await Monitor.StopAsync().AsTask().WaitAsync(RuntimeHarness.Guard);
        }

        await _harness.DisposeAsync();
    }

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    [Fact]
    public async Task Cascade_DependentBlockedByDisable_HealthChangeNamesTheMissingDependency()
    {
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["storage"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        var changes = new ConcurrentQueue<ModuleHealthChanged>();
        Monitor.HealthChanged += (_, change) => changes.Enqueue(change);
        Monitor.Start();

        await runtime.DisableAsync("storage");

        var down = Assert.Single(changes, c => c.ModuleId == "tracker" && c.Current == HealthStatus.Down);
        Assert.Contains("required dependencies not running: storage", down.Report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cascade_DependentBlockedByDisable_SnapshotSeenAtTheChangeListsTheMissingDependency()
    {
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["storage"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        string[]? seen = null;
        runtime.StateChanged += (_, change) =>
        {
            if (change is { ModuleId: "tracker", Current: ModuleState.Blocked })
            {
                seen = [.. runtime.GetSnapshot("tracker").Value.MissingDependencies];
            }
        };

        await runtime.DisableAsync("storage");

        Assert.NotNull(seen);
        Assert.Equal(["storage"], seen);
    }
}
