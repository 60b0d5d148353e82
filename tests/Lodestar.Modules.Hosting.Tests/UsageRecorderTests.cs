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
        builder.Configuration.AddInMemoryCollection(
        [
            new("Lodestar:Sqlite:DataDirectory", _directory),
            new("Lodestar:Modules:pricing:Options:InputPerMillion:gpt-4o", "2.50"),
            new("Lodestar:Modules:pricing:Options:OutputPerMillion:gpt-4o", "10.00"),
        ]);
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

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task UsageRecorder_MissingModel_IsRejected(string? model)
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        var recorded = await recorder.RecordAsync(model!, 100, 100, TimeSpan.FromSeconds(1), "session-0");

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.request-invalid", recorded.Error.Code);
    }

    [Fact]
    public async Task UsageRecorder_ModelNameOfUnboundedLength_IsRejected()
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        var recorded = await recorder.RecordAsync(new string('m', 100_000), 100, 100, TimeSpan.FromSeconds(1), "session-0");

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.request-invalid", recorded.Error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task UsageRecorder_MissingSessionId_IsRejected(string? sessionId)
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        var recorded = await recorder.RecordAsync("gpt-4o", 100, 100, TimeSpan.FromSeconds(1), sessionId!);

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.request-invalid", recorded.Error.Code);
    }

    [Fact]
    public async Task UsageRecorder_SessionIdOfUnboundedLength_IsRejected()
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        var recorded = await recorder.RecordAsync("gpt-4o", 100, 100, TimeSpan.FromSeconds(1), new string('s', 100_000));

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.request-invalid", recorded.Error.Code);
    }

    [Fact]
    public async Task UsageRecorder_NegativeDuration_IsRejected()
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        var recorded = await recorder.RecordAsync("gpt-4o", 100, 100, TimeSpan.FromSeconds(-1), "session-0");

        Assert.True(recorded.IsFailure);
        Assert.Equal("usage-tracker.request-invalid", recorded.Error.Code);
    }

    [Fact]
    public async Task UsageRecorder_RejectedRequest_IsNotInTheUsageLog()
    {
        var recorder = _host.Services.GetRequiredService<IUsageRecorder>();

        await recorder.RecordAsync("", 100, 100, TimeSpan.FromSeconds(1), "session-0");
        var recorded = await recorder.RecordAsync("gpt-4o", 100, 100, TimeSpan.FromSeconds(1), "session-0");

        Assert.True(recorded.IsSuccess);
        var usage = await _host.Services.GetRequiredService<IUsageStore>().SummarizeAsync(DateTimeOffset.MinValue);
        Assert.True(usage.IsSuccess, usage.IsFailure ? usage.Error.ToString() : null);
        var row = Assert.Single(usage.Value);
        Assert.Equal(("gpt-4o", 1), (row.Model, row.Requests));
    }

    [Fact]
    public async Task PriceList_AfterPricingIsDisabled_PricesNothing()
    {
        var prices = _host.Services.GetRequiredService<IPriceList>();
        Assert.NotNull(prices.CostOf("gpt-4o", 1_000, 1_000));

        var disabled = await _host.Services.GetRequiredService<IModuleRuntime>().DisableAsync("pricing");

        Assert.True(disabled.IsSuccess);
        Assert.Null(prices.CostOf("gpt-4o", 1_000, 1_000));
    }
}
