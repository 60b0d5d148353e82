using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Sqlite.Tests.Storage;

public sealed class SqliteStoreProviderTests
{
    [Fact]
    public async Task GetStore_DefaultOptions_UsesModuleIdFileInCreatedDataDirectory()
    {
        await using var host = new SqliteTestHost();

        var store = host.GetStore("usage-tracker");

        Assert.Equal(Path.Combine(host.DataDirectory, "usage-tracker.db"), store.DatabasePath);
        Assert.True(Directory.Exists(host.DataDirectory));
    }

    [Fact]
    public async Task GetStore_SameModuleTwice_ReturnsTheSameStore()
    {
        await using var host = new SqliteTestHost();

        Assert.Same(host.GetStore("storage"), host.GetStore("storage"));
    }

    [Fact]
    public async Task GetStore_DatabasePathsEntry_UsesThatFileRelativeToDataDirectory()
    {
        await using var host = new SqliteTestHost(options => options.DatabasePaths["storage"] = "shared/main.db");

        var store = host.GetStore("storage");

        Assert.Equal(Path.Combine(host.DataDirectory, "shared", "main.db"), store.DatabasePath);
    }

    [Fact]
    public async Task GetStore_TwoModulesOnOneFile_ShareOneWriteGateSoTheirWritesTakeTurns()
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "shared.db";
            options.DatabasePaths["beta"] = "shared.db";
        });

        var alpha = (SqliteStore)host.GetStore("alpha");
        var beta = (SqliteStore)host.GetStore("beta");
        var other = (SqliteStore)host.GetStore("gamma");

        Assert.Same(alpha.WriteGate, beta.WriteGate);
        Assert.NotSame(alpha.WriteGate, other.WriteGate);
    }

    [Theory]
    [InlineData("{data}/shared.db")]
    [InlineData("./shared.db")]
    [InlineData("nested/../shared.db")]
    [InlineData("{data}/nested/..//shared.db")]
    public async Task GetStore_SameFileSpelledRelativelyAbsolutelyOrWithDotSegments_SharesOneWriteGate(string spelling)
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "shared.db";
            options.DatabasePaths["beta"] = spelling.Replace("{data}", options.DataDirectory, StringComparison.Ordinal);
        });

        var alpha = (SqliteStore)host.GetStore("alpha");
        var beta = (SqliteStore)host.GetStore("beta");

        Assert.Same(alpha.WriteGate, beta.WriteGate);
    }

    [LinuxFact]
    public async Task GetStore_SameFileThroughASymlinkedDirectory_SharesOneWriteGate()
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "real/shared.db";
            options.DatabasePaths["beta"] = "link/shared.db";
        });
        Directory.CreateDirectory(Path.Combine(host.DataDirectory, "real"));
        Directory.CreateSymbolicLink(Path.Combine(host.DataDirectory, "link"), "real");

        var alpha = (SqliteStore)host.GetStore("alpha");
        var beta = (SqliteStore)host.GetStore("beta");

        Assert.Same(alpha.WriteGate, beta.WriteGate);
    }

    [LinuxFact]
    public async Task GetStore_SymlinkToAnExistingFileBelowASymlinkedDirectory_SharesOneWriteGate()
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "real/shared.db";
            options.DatabasePaths["beta"] = "link/alias.db";
        });
        var real = Directory.CreateDirectory(Path.Combine(host.DataDirectory, "real")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(real, "shared.db"), []);
        File.CreateSymbolicLink(Path.Combine(real, "alias.db"), "shared.db");
        Directory.CreateSymbolicLink(Path.Combine(host.DataDirectory, "link"), real);

        var alpha = (SqliteStore)host.GetStore("alpha");
        var beta = (SqliteStore)host.GetStore("beta");

        Assert.Same(alpha.WriteGate, beta.WriteGate);
    }

    /// <summary>
    /// A chain of two file links, the second relative with '..' and reached through a linked
    /// directory: the system reads each link's target against the real directory the link is in,
    /// so '..' there leaves the linked directory's target, not the directory it was reached by.
    /// </summary>
    [LinuxFact]
    public async Task GetStore_SameFileThroughAChainOfLinksWithDotDotBelowALinkedDirectory_SharesOneWriteGate()
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "shared.db";
            options.DatabasePaths["beta"] = "real/first.db";
        });
        var real = Directory.CreateDirectory(Path.Combine(host.DataDirectory, "real")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(host.DataDirectory, "elsewhere")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(host.DataDirectory, "shared.db"), []);
        Directory.CreateSymbolicLink(Path.Combine(real, "sub"), "../elsewhere");
        File.CreateSymbolicLink(Path.Combine(real, "first.db"), "sub/second.db");
        File.CreateSymbolicLink(Path.Combine(elsewhere, "second.db"), "../shared.db");

        var alpha = (SqliteStore)host.GetStore("alpha");
        var beta = (SqliteStore)host.GetStore("beta");

        Assert.Same(alpha.WriteGate, beta.WriteGate);
    }

    [LinuxFact]
    public async Task WriteAsync_StoresOnOneFileThroughASymlink_TakeTurnsInsteadOfFailingBusy()
    {
        // No busy timeout: a second writer that reached SQLite's lock while the first holds it fails at once.
        await using var host = new SqliteTestHost(options =>
        {
            options.BusyTimeout = TimeSpan.Zero;
            options.DatabasePaths["alpha"] = "real/shared.db";
            options.DatabasePaths["beta"] = "link/shared.db";
        });
        Directory.CreateDirectory(Path.Combine(host.DataDirectory, "real"));
        Directory.CreateSymbolicLink(Path.Combine(host.DataDirectory, "link"), "real");
        var alpha = host.GetStore("alpha");
        var beta = host.GetStore("beta");
        await SqliteTestHost.ExecuteAsync(alpha, "CREATE TABLE notes (text TEXT NOT NULL);");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = alpha.WriteAsync(async (unit, ct) =>
        {
            var inserted = await unit.ExecuteAsync("INSERT INTO notes (text) VALUES ('alpha');", cancellationToken: ct);
            entered.SetResult();
            await release.Task;
            return inserted.ToResult();
        }).AsTask();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var second = beta.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO notes (text) VALUES ('beta');", cancellationToken: ct)).ToResult()).AsTask();
        var secondWaited = !second.IsCompleted;
        release.SetResult();

        SqliteTestHost.AssertSuccess(await first.WaitAsync(TimeSpan.FromSeconds(60)));
        SqliteTestHost.AssertSuccess(await second.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.True(secondWaited);
        Assert.Equal(["alpha", "beta"], SqliteTestHost.Strings(alpha, "SELECT text FROM notes ORDER BY rowid;"));
    }

    [Fact]
    public async Task GetStore_DataDirectoryBelowAFile_ReturnsPathErrorNamingModuleAndPath()
    {
        var blocker = Path.Combine(Path.GetTempPath(), "lodestar-blocker-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(blocker, "not a directory");
        try
        {
            await using var host = new SqliteTestHost(options => options.DataDirectory = Path.Combine(blocker, "data"));

            var store = host.Provider.GetStore("storage");

            Assert.Equal("sqlite.store.path-invalid", store.Error?.Code);
            Assert.Contains("'storage'", store.Error!.Message, StringComparison.Ordinal);
            Assert.Contains(Path.Combine(blocker, "data", "storage.db"), store.Error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task GetStore_NegativeBusyTimeout_ReturnsOptionsErrorNamingTheOption()
    {
        await using var host = new SqliteTestHost(options => options.BusyTimeout = TimeSpan.FromSeconds(-1));

        var store = host.Provider.GetStore("storage");

        Assert.Equal("sqlite.options.invalid", store.Error?.Code);
        Assert.Equal(ErrorKind.Validation, store.Error!.Kind);
        Assert.Contains("BusyTimeout", store.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'storage'", store.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStore_EmptyDataDirectory_ReturnsOptionsError()
    {
        await using var host = new SqliteTestHost(options => options.DataDirectory = "");

        var store = host.Provider.GetStore("storage");

        Assert.Equal("sqlite.options.invalid", store.Error?.Code);
        Assert.Contains("DataDirectory", store.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("Storage")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task GetStore_NotAModuleId_ReturnsValidationError(string moduleId)
    {
        await using var host = new SqliteTestHost();

        var store = host.Provider.GetStore(moduleId);

        Assert.Equal("sqlite.store.module-id-invalid", store.Error?.Code);
    }

    [Fact]
    public async Task AddLodestarSqlite_ConfigurationSection_BindsDataDirectoryAndBusyTimeout()
    {
        var directory = Directory.CreateTempSubdirectory("lodestar-sqlite-config-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Lodestar:Sqlite:DataDirectory"] = directory,
                    ["Lodestar:Sqlite:BusyTimeout"] = "00:00:02",
                })
                .Build();
            await using var services = new ServiceCollection()
                .AddSingleton<IConfiguration>(configuration)
                .AddLodestarSqlite()
                .BuildServiceProvider();

            var store = services.GetRequiredService<ISqliteStoreProvider>().GetStore("storage").Value;
            var timeout = await store.QueryAsync("PRAGMA busy_timeout;", static reader => reader.GetInt64(0));

            Assert.Equal(Path.Combine(directory, "storage.db"), store.DatabasePath);
            Assert.Equal([2_000L], timeout.Value);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
