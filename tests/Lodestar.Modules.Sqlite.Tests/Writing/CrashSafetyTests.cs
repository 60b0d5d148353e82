using System.Globalization;
using Lodestar.Modules.Sqlite.Tests.Support;

namespace Lodestar.Modules.Sqlite.Tests.Writing;

public sealed class CrashSafetyTests
{
    private const int BatchesBeforeKill = 40;

    [Fact]
    public async Task KilledMidStream_DatabasePassesIntegrityCheckAndHoldsEveryReportedBatchWhole()
    {
        await using var host = new SqliteTestHost();
        Directory.CreateDirectory(host.DataDirectory);
        var reported = new List<(long First, long Last, int Count)>();

        using (var child = ChildProcess.Start("write", host.DataDirectory))
        {
            try
            {
                while (reported.Count < BatchesBeforeKill)
                {
                    var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                    Assert.NotNull(line);
                    var cells = line.Split(' ');
                    Assert.True(cells[0] == "committed", $"The child process said '{line}'. Its errors: {await ReadErrorsAsync(child)}");
                    reported.Add((long.Parse(cells[1], CultureInfo.InvariantCulture), long.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture)));
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true);
                await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }

            // Batches committed between the last line read and the kill: they must be whole too.
            while (await child.StandardOutput.ReadLineAsync() is { } late)
            {
                var cells = late.Split(' ');
                if (cells.Length == 4 && cells[0] == "committed")
                {
                    reported.Add((long.Parse(cells[1], CultureInfo.InvariantCulture), long.Parse(cells[2], CultureInfo.InvariantCulture), int.Parse(cells[3], CultureInfo.InvariantCulture)));
                }
            }
        }

        var store = host.GetStore("crash-writer");
        var integrity = SqliteTestHost.AssertSuccess(await store.QueryAsync("PRAGMA integrity_check;", static reader => reader.GetString(0)));
        Assert.Equal(["ok"], integrity);
        foreach (var (first, last, count) in reported)
        {
            var present = await store.QueryAsync(
                "SELECT count(*) FROM rows WHERE id BETWEEN $first AND $last;",
                static reader => reader.GetInt64(0),
                p =>
                {
                    p.AddWithValue("$first", first);
                    p.AddWithValue("$last", last);
                });
            Assert.Equal(count, SqliteTestHost.AssertSuccess(present)[0]);
        }

        // Batches commit in id order, so what survived is a gap-free prefix holding at least every reported row.
        var total = SqliteTestHost.Scalar(store, "SELECT count(*) FROM rows;");
        Assert.Equal(total, SqliteTestHost.Scalar(store, "SELECT coalesce(max(id), 0) FROM rows;"));
        Assert.True(total >= reported.Sum(batch => batch.Count), $"{total} rows survived, fewer than the {reported.Sum(batch => batch.Count)} reported as committed.");
    }

    private static async Task<string> ReadErrorsAsync(System.Diagnostics.Process child)
    {
        if (!child.HasExited)
        {
            return "(still running)";
        }

        return await child.StandardError.ReadToEndAsync();
    }
}
