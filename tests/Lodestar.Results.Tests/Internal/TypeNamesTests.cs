namespace Lodestar.Results.Tests.Internal;

public sealed class TypeNamesTests
{
    [Fact]
    public void Format_NonGenericType_IsShortName()
    {
        Assert.Equal("Int32", TypeNames.Format(typeof(int)));
    }

    [Fact]
    public void Format_NestedGenericType_SpellsArgumentsLikeCSharp()
    {
        Assert.Equal("Dictionary<String, List<Int32>>", TypeNames.Format(typeof(Dictionary<string, List<int>>)));
    }

    [Fact]
    public void ResultOf_ValueType_WrapsInResult()
    {
        Assert.Equal("Result<Nullable<Int32>>", TypeNames.ResultOf<int?>());
    }
}
