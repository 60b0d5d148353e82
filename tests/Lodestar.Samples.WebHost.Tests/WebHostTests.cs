using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Lodestar.Modules;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Samples.WebHost.Tests;

/// <summary>The web sample over real HTTP on a loopback port: health, snapshots, management, permissions, API keys, the dashboard page.</summary>
public sealed class WebHostTests : IAsyncLifetime
{
    private const string PagerKey = "demo-pager-key";

    private WebHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await WebHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string State(JsonElement module) => module.GetProperty("state").GetString()!;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    [Fact]
    public void Host_ListensOnLoopbackOnly()
    {
        Assert.Equal("127.0.0.1", _host.Address.Host);
        Assert.NotEqual(0, _host.Address.Port);
    }

    [Fact]
    public async Task Health_EveryModuleRunning_IsHealthyWithAnEntryPerModule()
    {
        var (status, body) = await _host.HealthAsync();

        Assert.Equal(200, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var entries = body.GetProperty("entries");
        Assert.Equal(
            ["module:alerts", "module:pricing", "module:storage", "module:usage-tracker"],
            entries.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Running", entries.GetProperty("module:storage").GetProperty("data").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Health_StorageModule_ReportsItsStoresOwnCheck()
    {
        var (_, body) = await _host.HealthAsync();

        var data = body.GetProperty("entries").GetProperty("module:storage").GetProperty("data");
        Assert.EndsWith("storage.db", data.GetProperty("databasePath").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, data.GetProperty("droppedRows").GetInt64());
    }

    [Fact]
    public async Task Health_CallerWhoMayViewNoModule_GetsTheOverallStatusButNoModuleEntries()
    {
        // The operator takes view:* away from anonymous callers: /modules then lists nothing, and
        // /health must not list the modules either (their states, errors and database paths).
        _host.Reconfigure("Sample:AnonymousPermissions:0", "");

        var (status, body) = await _host.HealthAsync();

        Assert.Equal(200, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("entries").EnumerateObject());
    }

    [Fact]
    public async Task Health_CallerWhoMayViewOneModule_GetsOnlyThatModulesEntry()
    {
        _host.Reconfigure("Sample:AnonymousPermissions:0", "view:pricing");

        var (_, body) = await _host.HealthAsync();

        Assert.Equal(["module:pricing"], body.GetProperty("entries").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Health_KeyWithViewPermission_GetsEveryModuleEntry()
    {
        _host.Reconfigure("Sample:AnonymousPermissions:0", "");

        var (_, body) = await _host.HealthAsync(WebHostFixture.OperatorKey);

        Assert.Equal(4, body.GetProperty("entries").EnumerateObject().Count());
    }

    [Fact]
    public async Task Health_UnhealthyForACallerWhoMayViewNoModule_Is503()
    {
        using var disabled = await _host.PostAsync("/modules/storage/disable", WebHostFixture.OperatorKey);
        _host.Reconfigure("Sample:AnonymousPermissions:0", "");

        var (status, body) = await _host.HealthAsync();

        Assert.Equal(503, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Request_NamingAnotherHost_IsRejectedSoDnsRebindingCannotReachTheLoopbackHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/modules");
        request.Headers.Host = "attacker.example";

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Request_NamingLocalhost_IsServed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/modules");
        request.Headers.Host = "localhost:" + _host.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Modules_ShowStateHealthAndCapabilities()
    {
        var tracker = await _host.ModuleAsync("usage-tracker");

        Assert.Equal("Running", State(tracker));
        Assert.Equal("healthy", tracker.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal(["cost-report"], Strings(tracker.GetProperty("capabilities")));
        Assert.Empty(Strings(tracker.GetProperty("missingDependencies")));
    }

    [Fact]
    public async Task Disable_WithManagePermission_DisablesTheModule()
    {
        using var response = await _host.PostAsync("/modules/storage/disable", WebHostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var storage = await _host.ModuleAsync("storage");
        Assert.Equal("Disabled", State(storage));
        Assert.False(storage.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Disable_RequiredModule_FlipsHealthToUnhealthy()
    {
        using var response = await _host.PostAsync("/modules/storage/disable", WebHostFixture.OperatorKey);

        var (status, body) = await _host.HealthAsync();
        Assert.Equal(503, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.GetProperty("entries").GetProperty("module:usage-tracker").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Disable_RequiredModule_BlocksItsDependentsNamingWhatIsMissing()
    {
        using var response = await _host.PostAsync("/modules/storage/disable", WebHostFixture.OperatorKey);

        var tracker = await _host.ModuleAsync("usage-tracker");
        var alerts = await _host.ModuleAsync("alerts");
        Assert.Equal("Blocked", State(tracker));
        Assert.Equal(["storage"], Strings(tracker.GetProperty("missingDependencies")));
        Assert.Equal("down", tracker.GetProperty("health").GetProperty("status").GetString());
        Assert.Equal("Blocked", State(alerts));
        Assert.Equal(["usage-tracker"], Strings(alerts.GetProperty("missingDependencies")));
    }

    [Fact]
    public async Task Enable_AfterDisable_EverythingRunsAndHealthIsHealthyAgain()
    {
        using var disabled = await _host.PostAsync("/modules/storage/disable", WebHostFixture.OperatorKey);

        using var enabled = await _host.PostAsync("/modules/storage/enable", WebHostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal("Running", State(await _host.ModuleAsync("usage-tracker")));
        Assert.Equal(200, (await _host.HealthAsync()).Status);
    }

    [Fact]
    public async Task Restart_ModuleStopsAndRunsAgain()
    {
        // "Running" after the call alone would pass if the restart did nothing: watch the module go down and up.
        var changes = new ConcurrentQueue<ModuleStateChanged>();
        _host.Services.GetRequiredService<IModuleRuntime>().StateChanged += (_, change) =>
        {
            if (change.ModuleId == "pricing")
            {
                changes.Enqueue(change);
            }
        };

        using var response = await _host.PostAsync("/modules/pricing/restart", WebHostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Running", State(body));
        Assert.Contains(changes, c => c.Previous == ModuleState.Running && c.Current == ModuleState.Stopping);
        Assert.Equal(ModuleState.Running, changes.Last().Current);
    }

    [Fact]
    public async Task Restart_KeyThatMayManageButNotView_GetsNoSnapshot()
    {
        _host.Reconfigure(new Dictionary<string, string?>
        {
            ["Sample:ApiKeys:2:Name"] = "pager",
            ["Sample:ApiKeys:2:Key"] = PagerKey,
            ["Sample:ApiKeys:2:Permissions:0"] = "manage:pricing",
        });

        using var response = await _host.PostAsync("/modules/pricing/restart", PagerKey);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Disable_WithoutAKey_Gets403ProblemWithTheErrorCode()
    {
        using var response = await _host.PostAsync("/modules/storage/disable");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("module.forbidden", problem.GetProperty("code").GetString());
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Contains("manage:storage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_WithoutAKey_ChangesNothing()
    {
        using var response = await _host.PostAsync("/modules/storage/disable");

        Assert.Equal("Running", State(await _host.ModuleAsync("storage")));
        Assert.Equal("Running", State(await _host.ModuleAsync("usage-tracker")));
        Assert.Equal(200, (await _host.HealthAsync()).Status);
    }

    [Fact]
    public async Task Disable_KeyThatManagesOtherModules_Gets403ForThisOne()
    {
        using var storage = await _host.PostAsync("/modules/storage/disable", WebHostFixture.TrackerAdminKey);
        using var alerts = await _host.PostAsync("/modules/alerts/disable", WebHostFixture.TrackerAdminKey);

        Assert.Equal(HttpStatusCode.Forbidden, storage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        Assert.Equal("Running", State(await _host.ModuleAsync("storage")));
    }

    [Fact]
    public async Task Disable_UnknownModule_Gets404Problem()
    {
        using var response = await _host.PostAsync("/modules/ledger/disable", WebHostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("module.not-found", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownApiKey_Gets401Problem()
    {
        using var response = await _host.PostAsync("/modules/storage/disable", "not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("sample.api-key.unknown", problem.GetProperty("code").GetString());
        Assert.Equal("Running", State(await _host.ModuleAsync("storage")));
    }

    [Theory]
    [InlineData(WebHostFixture.OperatorKey)]
    [InlineData(WebHostFixture.TrackerAdminKey)]
    public async Task ApiKey_ExactlyAConfiguredKey_IsAccepted(string key)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/modules", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // Keys are compared as SHA-256 digests in constant time, so how long a rejection takes says
    // nothing about the key's length or how much of it matched; a test cannot measure that, only
    // that nothing but the exact key is accepted.
    [Theory]
    [InlineData("demo-operator-ke")]
    [InlineData("demo-operator-key-and-more")]
    [InlineData("demo-operator-kez")]
    [InlineData("DEMO-OPERATOR-KEY")]
    [InlineData("")]
    public async Task ApiKey_NotExactlyAConfiguredKey_Gets401(string key)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/modules", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_RevokedInConfiguration_IsRejectedWithoutARestart()
    {
        using (var before = await _host.SendAsync(HttpMethod.Get, "/modules", WebHostFixture.OperatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // The operator rotates the leaked key in configuration.
        _host.Reconfigure("Sample:ApiKeys:0:Key", "rotated-operator-key");

        using var leaked = await _host.SendAsync(HttpMethod.Get, "/modules", WebHostFixture.OperatorKey);
        using var rotated = await _host.SendAsync(HttpMethod.Get, "/modules", "rotated-operator-key");
        Assert.Equal(HttpStatusCode.Unauthorized, leaked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }

    [Fact]
    public async Task ApiKey_BlankedInConfiguration_GrantsNothingNotEvenToAnEmptyHeader()
    {
        _host.Reconfigure("Sample:ApiKeys:0:Key", "");

        using var empty = await _host.SendAsync(HttpMethod.Get, "/modules", "");
        using var old = await _host.SendAsync(HttpMethod.Get, "/modules", WebHostFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.Unauthorized, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }

    [Fact]
    public async Task Dashboard_IsOneHtmlPageWithEnableAndDisableButtons()
    {
        using var response = await _host.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Lodestar modules</title>", page, StringComparison.Ordinal);
        Assert.Contains("\"disable\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", page, StringComparison.Ordinal);
    }
}
