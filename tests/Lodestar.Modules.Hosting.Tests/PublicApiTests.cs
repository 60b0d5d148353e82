using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Hosting.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesTheApprovedSurface() =>
        Snapshot.Verify(PublicApi.Print(typeof(LodestarModulesHostingServiceCollectionExtensions).Assembly), "PublicApi.Lodestar.Modules.Hosting");
}
