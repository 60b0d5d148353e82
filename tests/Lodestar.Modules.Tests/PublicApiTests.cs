using Lodestar.TestSupport;

namespace Lodestar.Modules.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesTheApprovedSurface() =>
        Snapshot.Verify(PublicApi.Print(typeof(LodestarModule).Assembly), "PublicApi.Lodestar.Modules");
}
