using System.Text.Json;

namespace Lodestar.Results.Tests.Serialization;

public sealed class ErrorJsonConverterTests
{
    private static readonly JsonSerializerOptions SnakeCaseOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper };
    private static readonly JsonSerializerOptions NoDuplicatesOptions = new() { AllowDuplicateProperties = false };

    [Fact]
    public void Serialize_ErrorWithDetails_WritesCodeMessageKindAndDetails()
    {
        var error = Error.NotFound("user.missing", "User 42 was not found", new Dictionary<string, string> { ["userId"] = "42" });

        var json = JsonSerializer.Serialize(error);

        Assert.Equal("""{"code":"user.missing","message":"User 42 was not found","kind":"NotFound","details":{"userId":"42"}}""", json);
    }

    [Fact]
    public void Serialize_ErrorWithoutDetails_WritesEmptyDetails()
    {
        var json = JsonSerializer.Serialize(Error.Conflict("a.b", "m"));

        Assert.Equal("""{"code":"a.b","message":"m","kind":"Conflict","details":{}}""", json);
    }

    [Fact]
    public void Serialize_ErrorWithException_DoesNotWriteException()
    {
        var json = JsonSerializer.Serialize(Error.FromException(new InvalidOperationException("boom")));

        Assert.Equal(
            """{"code":"exception.unhandled","message":"boom","kind":"Unexpected","details":{"exceptionType":"System.InvalidOperationException"}}""",
            json);
    }

    [Fact]
    public void Serialize_WithNamingPolicy_KeepsCamelCaseNames()
    {
        var json = JsonSerializer.Serialize(Error.Timeout("a.b", "m"), SnakeCaseOptions);

        Assert.Equal("""{"code":"a.b","message":"m","kind":"Timeout","details":{}}""", json);
    }

    [Fact]
    public void Deserialize_SerializedError_RoundTrips()
    {
        var error = Error.Forbidden("doc.read.forbidden", "No access", new Dictionary<string, string> { ["doc"] = "7", ["user"] = "ann" });

        var copy = JsonSerializer.Deserialize<Error>(JsonSerializer.Serialize(error))!;

        Assert.Equal(error.Kind, copy.Kind);
        Assert.Equal(error.Code, copy.Code);
        Assert.Equal(error.Message, copy.Message);
        Assert.Equal(error.Details, copy.Details);
        Assert.Null(copy.Exception);
    }

    [Fact]
    public void Deserialize_PropertiesInAnyOrderAndUnknownOnes_Reads()
    {
        const string json = """{"extra":[1,{"a":2}],"details":{"k":"v"},"kind":"unavailable","message":"m","code":"storage.busy"}""";

        var error = JsonSerializer.Deserialize<Error>(json)!;

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("storage.busy", error.Code);
        Assert.Equal("v", error.Details["k"]);
    }

    [Fact]
    public void Deserialize_WithoutKindAndDetails_DefaultsToUnexpectedAndEmpty()
    {
        var error = JsonSerializer.Deserialize<Error>("""{"code":"a.b","message":"m"}""")!;

        Assert.Equal(ErrorKind.Unexpected, error.Kind);
        Assert.Empty(error.Details);
    }

    [Theory]
    [InlineData("""{"message":"m","kind":"NotFound"}""", "\"code\" is missing")]
    [InlineData("""{"code":"a.b","kind":"NotFound"}""", "\"message\" is missing")]
    [InlineData("""{"code":" ","message":"m"}""", "\"code\" must not be empty")]
    [InlineData("""{"code":1,"message":"m"}""", "\"code\" must be a string")]
    [InlineData("""{"code":"a.b","message":"m","kind":"Gone"}""", "not an ErrorKind")]
    [InlineData("""{"code":"a.b","message":"m","kind":3}""", "\"kind\" must be the name")]
    [InlineData("""{"code":"a.b","message":"m","details":{"k":1}}""", "detail \"k\" must be a string")]
    [InlineData("""{"code":"a.b","message":"m","details":[]}""", "\"details\" must be an object")]
    [InlineData("""["a.b"]""", "expected a JSON object")]
    public void Deserialize_MalformedError_ThrowsJsonExceptionSayingWhy(string json, string expected)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Error>(json));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_DuplicatePropertyWhenDisallowed_ThrowsJsonException()
    {
        var exception = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Error>("""{"code":"a.b","code":"c.d","message":"m"}""", NoDuplicatesOptions));

        Assert.Contains("more than once", exception.Message, StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    [Fact]
    public void Deserialize_ErrorWithRepeatedDetailKey_WhenDuplicatesDisallowed_Throws()
    {
        const string Json = """{"code":"a.b","message":"m","kind":"NotFound","details":{"id":"1","id":"2"}}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Error>(Json, NoDuplicates));
    }
}
