using System.Diagnostics.CodeAnalysis;
using Lodestar.Modules.Sqlite.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lodestar.Modules.Sqlite.Tests.Configuration;

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class SqliteConfigurationTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly SqliteTestHost _host = new();
    private ISqliteSettingsStore _settings = null!;

    public Task InitializeAsync()
    {
        _settings = SqliteSettings.Open(Path.Combine(_host.DataDirectory, "system.db"), timeProvider: _host.Time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddSqliteSettings_RowsInTheTable_BecomeModuleConfigurationKeys()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:MaxTokensPerRequest", "9000"));
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("alerts", "Enabled", "false"));

        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings).Build();

        Assert.Equal("9000", configuration["Lodestar:Modules:usage-tracker:Options:MaxTokensPerRequest"]);
        Assert.Equal("false", configuration["Lodestar:Modules:alerts:Enabled"]);
    }

    [Fact]
    public void AddSqliteSettings_NewDatabase_CreatesTheTableAndFallsBackToEarlierSourcesAndDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lodestar:Modules:usage-tracker:Options:Region"] = "eu" })
            .AddSqliteSettings(_settings)
            .Build();

        var options = configuration.GetSection("Lodestar:Modules:usage-tracker:Options").Get<TrackerOptions>() ?? new TrackerOptions();

        Assert.Equal("eu", options.Region);
        Assert.Equal(16_000, options.MaxTokensPerRequest);
        Assert.True(File.Exists(_settings.DatabasePath));
    }

    [Fact]
    public async Task AddSqliteSettings_TableHasTheKey_OverridesEarlierSources()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:Region", "us"));

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lodestar:Modules:usage-tracker:Options:Region"] = "eu" })
            .AddSqliteSettings(_settings)
            .Build();

        Assert.Equal("us", configuration["Lodestar:Modules:usage-tracker:Options:Region"]);
    }

    [Fact]
    public async Task SetAsync_AfterConfigurationWasBuilt_FiresTheReloadTokenWithTheNewValue()
    {
        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings).Build();
        var token = configuration.GetReloadToken();

        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:MaxTokensPerRequest", "500"));

        Assert.True(token.HasChanged);
        Assert.Equal("500", configuration["Lodestar:Modules:usage-tracker:Options:MaxTokensPerRequest"]);
    }

    [Fact]
    public async Task SetAsync_OptionsMonitorBoundToTheSection_SeesTheNewValue()
    {
        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings).Build();
        await using var services = new ServiceCollection()
            .Configure<TrackerOptions>(configuration.GetSection("Lodestar:Modules:usage-tracker:Options"))
            .BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<TrackerOptions>>();
        Assert.Equal(16_000, monitor.CurrentValue.MaxTokensPerRequest);

        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:MaxTokensPerRequest", "700"));

        Assert.Equal(700, monitor.CurrentValue.MaxTokensPerRequest);
    }

    [Fact]
    public async Task RemoveAsync_KeyRemoved_ReloadsAndFallsBackToTheEarlierSource()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:Region", "us"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Lodestar:Modules:usage-tracker:Options:Region"] = "eu" })
            .AddSqliteSettings(_settings)
            .Build();

        SqliteTestHost.AssertSuccess(await _settings.RemoveAsync("usage-tracker", "Options:Region"));

        Assert.Equal("eu", configuration["Lodestar:Modules:usage-tracker:Options:Region"]);
    }

    [Fact]
    public async Task AddSqliteSettings_ForOneModule_ReadsOnlyThatModulesRows()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("usage-tracker", "Options:Region", "us"));
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "Options:Currency", "EUR"));

        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings, moduleId: "pricing").Build();

        Assert.Equal("EUR", configuration["Lodestar:Modules:pricing:Options:Currency"]);
        Assert.Null(configuration["Lodestar:Modules:usage-tracker:Options:Region"]);
    }

    [Fact]
    public async Task SetAsync_SameKeyInOtherCase_ReplacesTheValueLikeConfigurationKeys()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "Options:Currency", "EUR"));
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "options:currency", "USD"));

        var settings = SqliteTestHost.AssertSuccess(await _settings.ReadAsync("pricing"));

        Assert.Equal("USD", Assert.Single(settings).Value);
    }

    [Fact]
    public async Task SetAsync_InjectionAttemptInKeyAndValue_IsStoredAsPlainText()
    {
        const string attack = "x'); DROP TABLE system_configurations; --";

        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", attack, attack));

        var settings = SqliteTestHost.AssertSuccess(await _settings.ReadAsync("pricing"));
        Assert.Equal(attack, settings[attack]);
    }

    [Fact]
    public async Task SetAsync_EmptyKey_ReturnsValidationError()
    {
        var result = await _settings.SetAsync("pricing", " ", "x");

        Assert.Equal("sqlite.settings.invalid", result.Error?.Code);
    }

    [Fact]
    public void Open_TableNameWithSql_Throws()
    {
        Assert.Throws<ArgumentException>(() => SqliteSettings.Open(_settings.DatabasePath, "settings; DROP TABLE x"));
    }

    public sealed class TrackerOptions
    {
        public int MaxTokensPerRequest { get; set; } = 16_000;

        public string Region { get; set; } = "none";
    }

    [Fact]
    public async Task SetAsync_KeyDifferingOnlyInTheCaseOfNonAsciiLetters_ReplacesTheValueAsConfigurationKeysDo()
    {
        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings).Build();
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "Options:Währung", "EUR"));

        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "Options:WÄHRUNG", "USD"));

        Assert.Equal("USD", configuration["Lodestar:Modules:pricing:Options:Währung"]);
        var stored = SqliteTestHost.AssertSuccess(await _settings.ReadAsync("pricing"));
        Assert.Equal("Options:WÄHRUNG", Assert.Single(stored).Key);
    }

    [Fact]
    public async Task RemoveAsync_KeyDifferingOnlyInTheCaseOfNonAsciiLetters_RemovesTheSetting()
    {
        SqliteTestHost.AssertSuccess(await _settings.SetAsync("pricing", "Options:Währung", "EUR"));

        SqliteTestHost.AssertSuccess(await _settings.RemoveAsync("pricing", "Options:WÄHRUNG"));

        Assert.Empty(SqliteTestHost.AssertSuccess(await _settings.ReadAsync("pricing")));
    }

    [Fact]
    public async Task SetAsync_WhileAnotherChangesListenersStillRun_ConfigurationShowsTheNewValueWhenItReturns()
    {
        var configuration = new ConfigurationBuilder().AddSqliteSettings(_settings).Build();
        var firstReloading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reloads = 0;
        using var listener = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                // An IOptionsMonitor listener still busy with the first change.
                firstReloading.SetResult();
                releaseFirst.Task.Wait();
            }
        });
        var first = Task.Run(async () => await _settings.SetAsync("pricing", "Options:Currency", "EUR"));
        await firstReloading.Task.WaitAsync(Guard);

        var second = await _settings.SetAsync("pricing", "Options:Currency", "USD");
        var seen = configuration["Lodestar:Modules:pricing:Options:Currency"];
        releaseFirst.SetResult();

        SqliteTestHost.AssertSuccess(await first.WaitAsync(Guard));
        SqliteTestHost.AssertSuccess(second);
        Assert.Equal("USD", seen);
    }
}
