namespace Lodestar.Results.Tests;

public sealed class ErrorKindTests
{
    [Fact]
    public void Default_IsUnexpected()
    {
        Assert.Equal(ErrorKind.Unexpected, default);
        Assert.Equal(0, (int)ErrorKind.Unexpected);
    }
}
