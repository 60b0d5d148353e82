using Lodestar.Modules.Sqlite.Tests.Support;

namespace Lodestar.Modules.Sqlite.Tests.Storage;

public sealed class CheckHealthAsyncTests
{
    [Fact]
    public async Task CheckHealthAsync_WorkingStore_IsHealthyWithItsPath()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();

        var health = await store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(store.DatabasePath, health.Data["databasePath"]);
        Assert.Equal(0L, health.Data["pendingRows"]);
    }

    [Fact]
    public async Task CheckHealthAsync_FileCannotBeOpened_IsDownWithTheErrorNamingModuleAndPath()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        Directory.CreateDirectory(store.DatabasePath); // a directory where the database file should be

        var health = await store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Down, health.Status);
        Assert.Equal("sqlite.store.open-failed", health.LastError?.Code);
        Assert.Contains("'test-module'", health.LastError!.Message, StringComparison.Ordinal);
        Assert.Contains(store.DatabasePath, health.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_FileCannotBeOpened_ReturnsOpenFailedError()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        Directory.CreateDirectory(store.DatabasePath);

        var result = await store.WriteAsync((_, _) => new ValueTask<Lodestar.Results.Result>(Lodestar.Results.Result.Success()));

        Assert.Equal("sqlite.store.open-failed", result.Error?.Code);
    }
}
