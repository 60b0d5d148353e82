using Lodestar.Samples.UsageTracker.Contracts;
using Lodestar.Samples.UsageTracker.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Hosting.Tests;

/// <summary>The usage-tracker sample's <see cref="IUsageRecorder"/>, hosted in the Generic Host beside the storage and pricing modules.</summary>
public sealed class UsageRecorderTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("lodestar-recorder-").FullName;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Lodestar:Sqlite:DataDirectory", _directory)]);
        builder.Logging.ClearProviders();
        builder.Services.AddLodestarSqlite();
        builder.Services.AddLodestarModules(builder.Configuration)
            .AddModule<StorageModule>()
            .AddModule<PricingModule>()
            .AddModule<UsageTrackerModule>();
        _host = builder.Build();
        await _host.StartAsync().WaitAsync(Guard);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(Guard);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task UsageRecorder_TokenCountsThatOverflowTheSum_AreRejectedAsOutOfRange()
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        // In int arithmetic int.MaxValue + 1 wraps to a negative total that would pass "total > MaxTokensPerRequest".
        var recorded = await recorder.RecordAsync("gpt-4o", int.MaxValue, 1, TimeSpan.FromSeconds(1), "session-0");

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.tokens-out-of-range", recorded.Error.Code);
    }
}
