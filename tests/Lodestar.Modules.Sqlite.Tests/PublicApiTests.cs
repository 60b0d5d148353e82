using Lodestar.TestSupport;

namespace Lodestar.Modules.Sqlite.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesTheApprovedSurface() =>
        Snapshot.Verify(PublicApi.Print(typeof(ISqliteStore).Assembly), "PublicApi.Lodestar.Modules.Sqlite");
}
