namespace Lodestar.Results.Tests.Internal;

public sealed class ErrorKindNamesTests
{
    [Fact]
    public void ToName_EveryDefinedKind_MatchesEnumName()
    {
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            Assert.Equal(kind.ToString(), ErrorKindNames.ToName(kind));
        }
    }

    [Fact]
    public void TryParse_EveryName_RoundTrips()
    {
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            Assert.True(ErrorKindNames.TryParse(ErrorKindNames.ToName(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }
    }

    [Fact]
    public void TryParse_DifferentCase_Parses()
    {
        Assert.True(ErrorKindNames.TryParse("notfound", out var kind));
        Assert.Equal(ErrorKind.NotFound, kind);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("Gone")]
    [InlineData("")]
    public void TryParse_NumberOrUnknownName_Fails(string text)
    {
        Assert.False(ErrorKindNames.TryParse(text, out _));
    }
}
