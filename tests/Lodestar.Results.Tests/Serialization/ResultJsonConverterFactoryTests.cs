using System.Text.Json;

namespace Lodestar.Results.Tests.Serialization;

public sealed class ResultJsonConverterFactoryTests
{
    private static readonly JsonSerializerOptions FactoryOptions = new() { Converters = { new ResultJsonConverterFactory() } };

    private readonly ResultJsonConverterFactory _factory = new();

    [Theory]
    [InlineData(typeof(Result<int>))]
    [InlineData(typeof(Result<string>))]
    [InlineData(typeof(Result<List<int>>))]
    public void CanConvert_ClosedResultOfT_IsTrue(Type type)
    {
        Assert.True(_factory.CanConvert(type));
    }

    [Theory]
    [InlineData(typeof(Result))]
    [InlineData(typeof(Result<>))]
    [InlineData(typeof(int))]
    [InlineData(typeof(List<int>))]
    public void CanConvert_OtherType_IsFalse(Type type)
    {
        Assert.False(_factory.CanConvert(type));
    }

    [Fact]
    public void CreateConverter_ResultOfT_ReturnsClosedConverter()
    {
        var converter = _factory.CreateConverter(typeof(Result<int>), JsonSerializerOptions.Default);

        Assert.IsType<ResultJsonConverter<int>>(converter);
    }

    [Fact]
    public void CreateConverter_OtherType_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => _factory.CreateConverter(typeof(int), JsonSerializerOptions.Default));
    }

    [Fact]
    public void Serialize_FactoryInOptions_UsesSameContract()
    {
        Assert.Equal("""{"isSuccess":true,"value":42}""", JsonSerializer.Serialize(Result.Success(42), FactoryOptions));
    }
}
