using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Sqlite.Tests.DependencyInjection;

public sealed class ModuleIntegrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lodestar-sqlite-module-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task GetSqliteStore_RunningModule_GetsItsOwnFileNamedAfterItsId()
    {
        var module = new RecorderModule();
        await using var services = Build(module, withSqlite: true);
        var runtime = services.GetRequiredService<IModuleRuntime>();

        SqliteTestHost.AssertSuccess(await runtime.StartAllAsync());

        Assert.Equal(ModuleState.Running, runtime.GetSnapshot("recorder").Value.State);
        Assert.Equal(Path.Combine(_directory, "recorder.db"), module.Store!.DatabasePath);
        await runtime.StopAllAsync();
    }

    [Fact]
    public async Task StopAllAsync_ModuleDisposesItsWriterOnStop_EveryAcceptedRowIsWritten()
    {
        var module = new RecorderModule();
        await using var services = Build(module, withSqlite: true);
        var runtime = services.GetRequiredService<IModuleRuntime>();
        SqliteTestHost.AssertSuccess(await runtime.StartAllAsync());
        Assert.Equal(0, SqliteTestHost.Scalar(module.Store!, "SELECT count(*) FROM events;"));

        await runtime.StopAllAsync();

        Assert.Equal(RecorderModule.RowsWrittenOnStart, SqliteTestHost.Scalar(module.Store!, "SELECT count(*) FROM events;"));
    }

    [Fact]
    public async Task GetSqliteStore_SqliteNotRegistered_ModuleFailsWithNotRegisteredError()
    {
        await using var services = Build(new RecorderModule(), withSqlite: false);
        var runtime = services.GetRequiredService<IModuleRuntime>();

        await runtime.StartAllAsync();

        var snapshot = runtime.GetSnapshot("recorder").Value;
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("sqlite.not-registered", snapshot.LastError?.Code);
        Assert.Contains("AddLodestarSqlite", snapshot.LastError!.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(RecorderModule module, bool withSqlite)
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddLodestarModulesCore(configuration).AddModule(module);
        if (withSqlite)
        {
            services.AddLodestarSqlite(options => options.DataDirectory = _directory);
        }

        return services.BuildServiceProvider();
    }

    [Module("recorder", "1.0.0", Description = "Writes rows through a batch writer")]
    [Shutdown(GracefulSeconds = 30, ForceSeconds = 5)]
    private sealed class RecorderModule : LodestarModule
    {
        public const int RowsWrittenOnStart = 100;

        private ISqliteBatchWriter<int>? _writer;

        public ISqliteStore? Store { get; private set; }

        protected override async ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            var store = context.GetSqliteStore();
            if (store.IsFailure)
            {
                return store.Error;
            }

            Store = store.Value;
            var migrated = await Store.MigrateAsync([new SqliteMigration(1, "events", "CREATE TABLE events (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);")], cancellationToken);
            if (migrated.IsFailure)
            {
                return migrated.Error;
            }

            // A batch larger than what is written and an interval the fake clock never reaches:
            // only the stop can write these rows.
            var writer = await Store.CreateBatchWriterAsync(
                new SqliteBatchWriterOptions<int>("events", ["n"], static (n, values) => values[0] = n)
                {
                    BatchSize = 1_000,
                    FlushInterval = TimeSpan.FromHours(1),
                },
                cancellationToken);
            if (writer.IsFailure)
            {
                return writer.Error;
            }

            _writer = writer.Value;
            for (var i = 0; i < RowsWrittenOnStart; i++)
            {
                var accepted = await _writer.WriteAsync(i, cancellationToken);
                if (accepted.IsFailure)
                {
                    return accepted.Error;
                }
            }

            return Result.Success();
        }

        protected override async ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            if (_writer is not null)
            {
                await _writer.CompleteAsync(cancellationToken);
                await _writer.DisposeAsync();
            }
        }
    }
}
