using System.Text.Json;

namespace Lodestar.Results.Tests.Serialization;

/// <summary>Checks the Native AOT recipe from the package README: closed converters registered on a source-generated context.</summary>
public sealed class SourceGeneratedContextTests
{
    // How ASP.NET Core uses a context: as the resolver of options it owns, so the converters go into those options.
    private static readonly JsonSerializerOptions ResolverOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = ResultsJsonContext.Default,
        Converters = { new ResultJsonConverter<Item>() },
    };

    [Fact]
    public void Serialize_ContextWithRegisteredConverter_WritesContract()
    {
        var json = JsonSerializer.Serialize(Result.Success(new Item("pen", 2)), ResultsJsonContext.Default.ResultItem);

        Assert.Equal("""{"isSuccess":true,"value":{"name":"pen","count":2}}""", json);
    }

    [Fact]
    public void Deserialize_ContextWithRegisteredConverter_RoundTripsFailure()
    {
        var error = Error.NotFound("item.missing", "No such item", new Dictionary<string, string> { ["name"] = "pen" });

        var json = JsonSerializer.Serialize(Result.Failure<Item>(error), ResultsJsonContext.Default.ResultItem);
        var copy = JsonSerializer.Deserialize(json, ResultsJsonContext.Default.ResultItem);

        Assert.Equal("item.missing", copy.Error?.Code);
        Assert.Equal("pen", copy.Error?.Details["name"]);
    }

    [Fact]
    public void Deserialize_ContextWithNonGenericResultAndError_RoundTrips()
    {
        var json = JsonSerializer.Serialize(Result.Failure(Error.Timeout("a.b", "m")), ResultsJsonContext.Default.Result);
        var copy = JsonSerializer.Deserialize(json, ResultsJsonContext.Default.Result);

        Assert.Equal(ErrorKind.Timeout, copy.Error?.Kind);
    }

    [Fact]
    public void Serialize_ContextOptions_ResolveRegisteredConverterNotFactory()
    {
        var converter = ResultsJsonContext.Default.Options.GetConverter(typeof(Result<int>));

        Assert.IsType<ResultJsonConverter<int>>(converter);
    }

    [Fact]
    public void Serialize_ContextAsResolverWithConverterInOptions_WritesContract()
    {
        var json = JsonSerializer.Serialize(Result.Success(new Item("pen", 2)), ResolverOptions);

        Assert.Equal("""{"isSuccess":true,"value":{"name":"pen","count":2}}""", json);
    }

    public sealed record Item(string Name, int Count);
}
