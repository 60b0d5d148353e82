using System.Text.Json;

namespace Lodestar.Results.Tests.Serialization;

public sealed class ResultJsonConverterTests
{
    [Fact]
    public void Serialize_Success_WritesOnlyIsSuccess()
    {
        Assert.Equal("""{"isSuccess":true}""", JsonSerializer.Serialize(Result.Success()));
    }

    [Fact]
    public void Serialize_Failure_WritesError()
    {
        var json = JsonSerializer.Serialize(Result.Failure(Error.Unavailable("storage.busy", "Storage is busy")));

        Assert.Equal(
            """{"isSuccess":false,"error":{"code":"storage.busy","message":"Storage is busy","kind":"Unavailable","details":{}}}""",
            json);
    }

    [Fact]
    public void Serialize_Default_WritesUninitializedFailure()
    {
        var json = JsonSerializer.Serialize(default(Result));

        Assert.Contains("\"code\":\"result.uninitialized\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_SerializedSuccess_RoundTrips()
    {
        var copy = JsonSerializer.Deserialize<Result>(JsonSerializer.Serialize(Result.Success()));

        Assert.True(copy.IsSuccess);
    }

    [Fact]
    public void Deserialize_SerializedFailureWithDetails_RoundTrips()
    {
        var error = Error.Conflict("user.email.taken", "Email is taken", new Dictionary<string, string> { ["email"] = "a@b.c" });

        var copy = JsonSerializer.Deserialize<Result>(JsonSerializer.Serialize(Result.Failure(error)));

        Assert.True(copy.IsFailure);
        Assert.Equal(ErrorKind.Conflict, copy.Error.Kind);
        Assert.Equal("user.email.taken", copy.Error.Code);
        Assert.Equal("Email is taken", copy.Error.Message);
        Assert.Equal("a@b.c", copy.Error.Details["email"]);
    }

    [Fact]
    public void Deserialize_ErrorBeforeIsSuccess_Reads()
    {
        var result = JsonSerializer.Deserialize<Result>("""{"error":{"kind":"Timeout","message":"m","code":"a.b"},"isSuccess":false}""");

        Assert.Equal(ErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public void Deserialize_UnknownProperties_AreSkipped()
    {
        var result = JsonSerializer.Deserialize<Result>("""{"traceId":"x","isSuccess":true,"value":{"a":[1,2]}}""");

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Deserialize_SuccessWithNullError_Reads()
    {
        var result = JsonSerializer.Deserialize<Result>("""{"isSuccess":true,"error":null}""");

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("""{}""", "\"isSuccess\" is missing")]
    [InlineData("""{"error":{"code":"a.b","message":"m"}}""", "\"isSuccess\" is missing")]
    [InlineData("""{"isSuccess":false}""", "must have an \"error\"")]
    [InlineData("""{"isSuccess":false,"error":null}""", "must have an \"error\"")]
    [InlineData("""{"isSuccess":true,"error":{"code":"a.b","message":"m"}}""", "must not have an \"error\"")]
    [InlineData("""{"isSuccess":"yes"}""", "\"isSuccess\" must be true or false")]
    [InlineData("""null""", "expected a JSON object")]
    [InlineData("""true""", "expected a JSON object")]
    public void Deserialize_MalformedResult_ThrowsJsonExceptionSayingWhy(string json, string expected)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Result>(json));

        Assert.StartsWith("Cannot read Result from JSON", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TruncatedJson_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Result>("""{"isSuccess":tr"""));
    }
}
