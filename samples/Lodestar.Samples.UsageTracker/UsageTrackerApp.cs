using System.Globalization;
using Lodestar.Modules;
using Lodestar.Samples.UsageTracker.Contracts;
using Lodestar.Samples.UsageTracker.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lodestar.Samples.UsageTracker;

/// <summary>
/// The usage-tracker sample: four modules on the Generic Host. It simulates model requests,
/// records them in SQLite through a batch writer, prints the usage read back from the database
/// and a table of modules, and exits by itself.
/// </summary>
public static class UsageTrackerApp
{
    // The most simulated requests Sample:Requests accepts.
    private const int MaxRequests = 100_000;

    private static readonly string[] Models = ["gpt-4o", "claude-sonnet", "llama-3-70b"];

    /// <summary>Runs the sample.</summary>
    /// <param name="args">Command-line arguments; any configuration key can be set as <c>--Key=value</c>, e.g. <c>--Sample:KeepRunning=true</c>.</param>
    /// <param name="output">Where the tables are printed.</param>
    /// <param name="cancellationToken">Stops the sample.</param>
    /// <returns>0 when every enabled module ran and every request was recorded; 1 otherwise, and when a <c>Sample:</c> setting is invalid.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Checked before anything starts: a bad value is reported in one line, not as a stack trace.
        if (ReadSettings(builder.Configuration, output) is not { } settings)
        {
            return 1;
        }

        // Each module that asks gets its own SQLite file under Lodestar:Sqlite:DataDirectory (appsettings.json).
        builder.Services.AddLodestarSqlite();
        builder.Services.AddLodestarModules(builder.Configuration)
            .AddModule<StorageModule>()
            .AddModule<PricingModule>()
            .AddModule<UsageTrackerModule>()
            .AddModule<AlertsModule>();

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var runtime = host.Services.GetRequiredService<IModuleRuntime>();
        var runStarted = TimeProvider.System.GetUtcNow();
        var failed = await SimulateRequestsAsync(host.Services.GetRequiredService<IUsageRecorder>(), settings.Requests, output, cancellationToken);
        if (runtime.GetSnapshot("storage").Value.State == ModuleState.Running)
        {
            var usage = await host.Services.GetRequiredService<IUsageStore>().SummarizeAsync(runStarted, cancellationToken);
            if (usage.IsSuccess)
            {
                PrintUsage(output, usage.Value);
            }
            else
            {
                failed++;
                output.WriteLine($"The usage log cannot be read: {usage.Error}");
            }
        }
        else
        {
            output.WriteLine("The usage log cannot be read: the 'storage' module is not running.");
        }

        var snapshots = runtime.GetSnapshots();
        PrintModules(output, snapshots);

        if (settings.KeepRunning)
        {
            output.WriteLine("Running until Ctrl+C.");
            await host.WaitForShutdownAsync(cancellationToken);
        }
        else
        {
            await host.StopAsync(cancellationToken);
        }

        var anyModuleFailed = snapshots.Any(s => s.State is ModuleState.Failed or ModuleState.Blocked);
        return failed == 0 && !anyModuleFailed ? 0 : 1;
    }

    /// <summary>Reads the <c>Sample:</c> settings; prints what is wrong with one and returns <see langword="null"/>.</summary>
    private static SampleSettings? ReadSettings(ConfigurationManager configuration, TextWriter output)
    {
        const string requestsKey = "Sample:Requests";
        const string keepRunningKey = "Sample:KeepRunning";
        var requestsText = configuration[requestsKey];
        var requests = 40;
        if (requestsText is not null
            && (!int.TryParse(requestsText, NumberStyles.Integer, CultureInfo.InvariantCulture, out requests) || requests is < 0 or > MaxRequests))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{requestsKey} is '{requestsText}'; use a whole number from 0 to {MaxRequests}."));
            return null;
        }

        var keepRunningText = configuration[keepRunningKey];
        var keepRunning = false;
        if (keepRunningText is not null && !bool.TryParse(keepRunningText, out keepRunning))
        {
            output.WriteLine($"{keepRunningKey} is '{keepRunningText}'; use true or false.");
            return null;
        }

        return new SampleSettings(requests, keepRunning);
    }

    private static async Task<int> SimulateRequestsAsync(IUsageRecorder recorder, int requests, TextWriter output, CancellationToken cancellationToken)
    {
        var random = new Random(42);
        var failed = 0;
        for (var i = 0; i < requests; i++)
        {
            var model = Models[random.Next(Models.Length)];
            var recorded = await recorder.RecordAsync(
                model,
                tokensIn: random.Next(200, 4_000),
                tokensOut: random.Next(50, 1_500),
                duration: TimeSpan.FromMilliseconds(random.Next(150, 2_500)),
                sessionId: "session-" + (i % 5).ToString(CultureInfo.InvariantCulture),
                cancellationToken);
            if (recorded.IsFailure)
            {
                failed++;
                output.WriteLine($"request {i} was not recorded: {recorded.Error}");
            }
        }

        return failed;
    }

    private static void PrintUsage(TextWriter output, IReadOnlyList<ModelUsage> usage)
    {
        output.WriteLine();
        output.WriteLine("Usage recorded in this run (read back from SQLite)");
        output.WriteLine($"{"model",-15} {"requests",8} {"tokens in",10} {"tokens out",10} {"cost (USD)",11}");
        foreach (var row in usage)
        {
            var cost = row.Cost is { } value ? value.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
            output.WriteLine($"{row.Model,-15} {row.Requests,8} {row.TokensIn,10} {row.TokensOut,10} {cost,11}");
        }
    }

    private static void PrintModules(TextWriter output, IReadOnlyList<ModuleSnapshot> snapshots)
    {
        output.WriteLine();
        output.WriteLine("Modules");
        output.WriteLine($"{"module",-15} {"version",-8} {"state",-9} {"capabilities",-14} missing dependencies");
        foreach (var module in snapshots)
        {
            var capabilities = module.ActiveCapabilities.Count == 0 ? "-" : string.Join(",", module.ActiveCapabilities);
            var missing = module.MissingDependencies.Count == 0 ? "-" : string.Join(",", module.MissingDependencies);
            output.WriteLine($"{module.Id,-15} {module.Version,-8} {module.State,-9} {capabilities,-14} {missing}");
        }
    }

    private sealed record SampleSettings(int Requests, bool KeepRunning);
}
