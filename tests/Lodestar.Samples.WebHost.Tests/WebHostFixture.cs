using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Lodestar.Samples.WebHost.Tests;

/// <summary>
/// The web sample started in-process on a free loopback port (port 0), with its own data directory,
/// and a real <see cref="HttpClient"/> to it. One per test, so no test sees another's changes.
/// </summary>
internal sealed class WebHostFixture : IAsyncDisposable
{
    /// <summary>A generous guard so a broken host fails the test instead of hanging it; never an expectation about speed.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    public const string OperatorKey = "demo-operator-key";
    public const string TrackerAdminKey = "demo-tracker-key";

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("lodestar-webhost-").FullName;
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    /// <summary>Gets the running application's services, e.g. the module runtime to watch its state changes.</summary>
    public IServiceProvider Services => _app!.Services;

    public static async Task<WebHostFixture> StartAsync()
    {
        var fixture = new WebHostFixture();
        fixture._app = WebHostApp.Build(
        [
            "--port", "0",
            "--Lodestar:Sqlite:DataDirectory=" + fixture._dataDirectory,
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Lodestar.Modules=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        ]);
        await fixture._app.StartAsync().WaitAsync(Guard);
        fixture.Address = WebHostApp.AddressOf(fixture._app);
        fixture.Client = new HttpClient { BaseAddress = fixture.Address, Timeout = Guard };
        return fixture;
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? apiKey = null) => SendAsync(HttpMethod.Post, path, apiKey);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Changes a configuration value while the host runs, as an edited appsettings.json does when it reloads.</summary>
    public void Reconfigure(string key, string? value) => Reconfigure(new Dictionary<string, string?> { [key] = value });

    /// <summary>Changes several configuration values at once, as one edit of appsettings.json does.</summary>
    public void Reconfigure(IReadOnlyDictionary<string, string?> values) =>
        ((IConfigurationBuilder)_app!.Configuration).AddInMemoryCollection(values);

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Client.GetFromJsonAsync<JsonElement>(path);

    public async Task<JsonElement> ModuleAsync(string id)
    {
        var modules = await GetJsonAsync("/modules");
        return modules.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
    }

    public async Task<(int Status, JsonElement Body)> HealthAsync(string? apiKey = null)
    {
        using var response = await SendAsync(HttpMethod.Get, "/health", apiKey);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().WaitAsync(Guard);
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
