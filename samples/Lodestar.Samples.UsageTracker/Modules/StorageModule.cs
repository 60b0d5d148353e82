using Lodestar.Modules;
using Lodestar.Modules.Sqlite;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>
/// Keeps the usage log in the module's own SQLite file: migrates the schema, purges old records and
/// writes new ones through a batch writer that is drained when the module stops. Its health is the
/// store's: whether the file answers and whether its batch writer is keeping up.
/// </summary>
[Module("storage", "1.0.0", Description = "Keeps the usage log in an embedded SQLite file")]
[Shutdown(GracefulSeconds = 10, ForceSeconds = 2)]
public sealed class StorageModule : LodestarModule<StorageOptions>
{
    private readonly SqliteUsageStore _usage = new();
    private ISqliteStore? _store;

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IUsageStore>(_usage);

    /// <inheritdoc />
    protected override async ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        var store = context.GetSqliteStore();
        if (store.IsFailure)
        {
            return store.Error;
        }

        _store = store.Value;
        return await _usage.OpenAsync(store.Value, Options, cancellationToken);
    }

    /// <inheritdoc />
    protected override ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) =>
        _store is { } store ? store.CheckHealthAsync(cancellationToken) : new(HealthReport.Healthy);

    /// <inheritdoc />
    protected override async ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken) =>
        await _usage.CloseAsync(cancellationToken);
}
