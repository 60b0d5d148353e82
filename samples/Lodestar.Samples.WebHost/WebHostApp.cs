using System.Globalization;
using Lodestar.Modules;
using Lodestar.Samples.UsageTracker.Modules;
using Lodestar.Samples.WebHost.Endpoints;
using Lodestar.Samples.WebHost.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lodestar.Samples.WebHost;

/// <summary>
/// The web host sample: the usage-tracker modules (storage, pricing, usage-tracker, alerts) on
/// ASP.NET Core, with <c>GET /health</c>, <c>GET /modules</c>,
/// <c>POST /modules/{id}/enable|disable|restart</c> and a dashboard at <c>/</c>. It listens on
/// 127.0.0.1 only, on <c>--port</c> (or <c>Sample:Port</c>; 0 picks a free port), and answers only
/// requests addressed to <c>127.0.0.1</c> or <c>localhost</c> (<c>AllowedHosts</c> in appsettings.json):
/// listening on loopback keeps other machines out, but not a web page in the operator's browser
/// whose DNS name was rebound to 127.0.0.1; the Host check turns that page away with 400.
/// </summary>
public static class WebHostApp
{
    /// <summary>The port used when none is configured.</summary>
    public const int DefaultPort = 5080;

    /// <summary>Builds the application without starting it, so tests can start it in-process.</summary>
    /// <param name="args">Command-line arguments: <c>--port N</c>, and any configuration key as <c>--Key=value</c>.</param>
    /// <returns>The application.</returns>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "webhost"),
        });

        builder.Services.AddOptions<SampleSecurityOptions>().Bind(builder.Configuration.GetSection("Sample"));
        builder.Services.AddSingleton<IModuleAuthorizer, PermissionClaimsAuthorizer>();
        builder.Services.AddProblemDetails();
        builder.Services.AddLodestarSqlite();
        builder.Services.AddLodestarModules(builder.Configuration)
            .AddModule<StorageModule>()
            .AddModule<PricingModule>()
            .AddModule<UsageTrackerModule>()
            .AddModule<AlertsModule>();
        builder.Services.AddHealthChecks().AddLodestarModules();

        var app = builder.Build();
        var port = PortFrom(app.Configuration);
        app.Urls.Clear();
        app.Urls.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));

        app.UseMiddleware<ApiKeyMiddleware>();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapModules();
        app.MapDashboard();
        return app;
    }

    /// <summary>Gets the address a started application listens on, e.g. <c>http://127.0.0.1:5080</c>.</summary>
    /// <param name="app">A started application.</param>
    /// <returns>The address.</returns>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The server reports no addresses; start the application first.");
        return new Uri(addresses.First());
    }

    /// <summary>Runs the sample until Ctrl+C.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>A task that completes when the application has stopped.</returns>
    public static async Task RunAsync(string[] args)
    {
        await using var app = Build(args);
        await app.StartAsync();

        // run.sh (tests/e2e) waits for this line to learn the port.
        Console.WriteLine($"Lodestar dashboard: {AddressOf(app)}");
        await app.WaitForShutdownAsync();
    }

    private static int PortFrom(IConfiguration configuration)
    {
        var text = configuration["port"] ?? configuration["Sample:Port"];
        if (text is null)
        {
            return DefaultPort;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65_535)
        {
            throw new InvalidOperationException($"The port '{text}' (--port or Sample:Port) is not a number from 0 to 65535; 0 picks a free port.");
        }

        return port;
    }
}
