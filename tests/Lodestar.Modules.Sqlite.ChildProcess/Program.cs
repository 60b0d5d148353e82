using System.Globalization;
using Lodestar.Modules.Sqlite;
using Lodestar.Modules.Sqlite.ChildProcess;
using Microsoft.Extensions.DependencyInjection;

// Usage:
//   write <data-directory>    writes rows through the batch writer forever; prints "committed <first-id> <last-id> <count>"
//                             after each committed batch. The test kills the process mid-stream.
//   migrate <data-directory>  prints "ready", waits for a line on stdin, migrates, prints "applied <n>" or "error <code>".
if (args.Length != 2 || args[0] is not ("write" or "migrate"))
{
    await Console.Error.WriteLineAsync("usage: (write|migrate) <data-directory>");
    return 2;
}

var services = new ServiceCollection()
    .AddLodestarSqlite(options => options.DataDirectory = args[1])
    .BuildServiceProvider();
await using (services)
{
    var store = services.GetRequiredService<ISqliteStoreProvider>().GetStore(ChildCommands.ModuleId).Value;
    return args[0] == "write"
        ? await ChildCommands.WriteUntilKilledAsync(store, Console.Out)
        : await ChildCommands.MigrateOnCueAsync(store, Console.In, Console.Out);
}

namespace Lodestar.Modules.Sqlite.ChildProcess
{
    /// <summary>What the child process does; the tests know the same table and migration names.</summary>
    internal static class ChildCommands
    {
        public const string ModuleId = "crash-writer";

        public static async Task<int> WriteUntilKilledAsync(ISqliteStore store, TextWriter output)
        {
            var migrated = await store.MigrateAsync([new SqliteMigration(1, "create-rows", "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);")]);
            if (migrated.IsFailure)
            {
                await output.WriteLineAsync("error " + migrated.Error.Code);
                return 1;
            }

            var options = new SqliteBatchWriterOptions<long>("rows", ["id", "payload"], static (id, values) =>
            {
                values[0] = id;
                values[1] = "payload-" + id.ToString(CultureInfo.InvariantCulture) + new string('x', 200);
            })
            {
                BatchSize = 50,
                Capacity = 500,
                FlushInterval = TimeSpan.FromMilliseconds(20),
                BatchCommitted = batch =>
                {
                    // One write per line, flushed at once, so the test sees every committed batch.
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {batch[0]} {batch[^1]} {batch.Count}"));
                    output.Flush();
                },
            };
            var writer = (await store.CreateBatchWriterAsync(options)).Value;
            for (long id = 1; ; id++)
            {
                var accepted = await writer.WriteAsync(id);
                if (accepted.IsFailure)
                {
                    await output.WriteLineAsync("error " + accepted.Error.Code);
                    return 1;
                }
            }
        }

        public static async Task<int> MigrateOnCueAsync(ISqliteStore store, TextReader input, TextWriter output)
        {
            await output.WriteLineAsync("ready");
            await output.FlushAsync();
            await input.ReadLineAsync();
            var applied = await store.MigrateAsync(RaceMigrations());
            await output.WriteLineAsync(applied.IsSuccess ? "applied " + applied.Value.ToString(CultureInfo.InvariantCulture) : "error " + applied.Error.Code);
            await output.FlushAsync();
            return applied.IsSuccess ? 0 : 1;
        }

        /// <summary>Each migration also records that it ran, so running one twice would show.</summary>
        private static SqliteMigration[] RaceMigrations() =>
        [
            new(1, "create-runs", "CREATE TABLE runs (migration INTEGER NOT NULL); INSERT INTO runs VALUES (1);"),
            new(2, "create-a", "CREATE TABLE a (id INTEGER PRIMARY KEY); INSERT INTO runs VALUES (2);"),
            new(3, "create-b", "CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO runs VALUES (3);"),
            new(4, "create-c", "CREATE TABLE c (id INTEGER PRIMARY KEY); INSERT INTO runs VALUES (4);"),
            new(5, "create-d", "CREATE TABLE d (id INTEGER PRIMARY KEY); INSERT INTO runs VALUES (5);"),
        ];
    }
}
