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
}
