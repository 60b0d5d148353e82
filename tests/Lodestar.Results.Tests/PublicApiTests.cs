using Lodestar.TestSupport;

namespace Lodestar.Results.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesTheApprovedSurface() =>
        Snapshot.Verify(PublicApi.Print(typeof(Result).Assembly), "PublicApi.Lodestar.Results");
}
