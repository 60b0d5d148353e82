using Lodestar.Modules.Sqlite.Tests.Support;

namespace Lodestar.Modules.Sqlite.Tests.Storage;

public sealed class SqliteDatabasePathTests
{
    [Theory]
    [InlineData(":memory:")]
    [InlineData("file::memory:?cache=shared")]
    [InlineData("FILE:usage?mode=memory&cache=shared")]
    [InlineData("")]
    public void GateKey_InMemoryOrUriDataSource_IsTheDataSourceItself(string dataSource) =>
        Assert.Equal(dataSource, SqliteDatabasePath.GateKey(dataSource));

    [Fact]
    public void GateKey_DotSegmentsDoubledAndTrailingSeparators_GiveThePlainPathsKey()
    {
        var directory = Directory.CreateTempSubdirectory("lodestar-sqlite-path-").FullName;
        try
        {
            var plain = SqliteDatabasePath.GateKey(Path.Combine(directory, "shared.db"));

            var spelled = SqliteDatabasePath.GateKey(directory + "/nested/.././/shared.db/");

            Assert.Equal(plain, spelled, SqliteDatabasePath.Comparer);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Guard (passes before the fix too): links that lead back to themselves end the resolution instead of following it forever.</summary>
    [LinuxFact]
    public void GateKey_DirectoriesLinkedInALoop_ReturnsAKey()
    {
        var directory = Directory.CreateTempSubdirectory("lodestar-sqlite-path-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(directory, "ping"), "pong/x");
            Directory.CreateSymbolicLink(Path.Combine(directory, "pong"), "ping/y");

            var key = SqliteDatabasePath.GateKey(Path.Combine(directory, "ping", "shared.db"));

            Assert.EndsWith("shared.db", key, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
