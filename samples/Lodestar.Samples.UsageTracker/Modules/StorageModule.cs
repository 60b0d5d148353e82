using Lodestar.Modules;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Opens the embedded SQLite database that keeps the usage log.</summary>
[Module("storage", "1.0.0", Description = "Keeps the usage log in an embedded SQLite file")]
[Shutdown(GracefulSeconds = 10, ForceSeconds = 2)]
public sealed class StorageModule : LodestarModule<StorageOptions>
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<SqliteUsageStore>();
        services.AddSingleton<IUsageStore>(provider => provider.GetRequiredService<SqliteUsageStore>());
    }

    /// <inheritdoc />
    protected override async ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<SqliteUsageStore>();
        await store.OpenAsync(Options.DatabasePath, cancellationToken);
        return Result.Success();
    }
}
