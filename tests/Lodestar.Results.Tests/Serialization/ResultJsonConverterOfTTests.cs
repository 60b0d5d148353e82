using System.Text.Json;

namespace Lodestar.Results.Tests.Serialization;

public sealed class ResultJsonConverterOfTTests
{
    private static readonly JsonSerializerOptions SnakeCaseOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions NoDuplicatesOptions = new() { AllowDuplicateProperties = false };

    [Fact]
    public void Serialize_IntSuccess_WritesIsSuccessAndValue()
    {
        Assert.Equal("""{"isSuccess":true,"value":42}""", JsonSerializer.Serialize(Result.Success(42)));
    }

    [Fact]
    public void Serialize_FailureWithDetails_WritesErrorWithoutValue()
    {
        var error = Error.NotFound("user.missing", "User 42 was not found", new Dictionary<string, string> { ["userId"] = "42" });

        var json = JsonSerializer.Serialize(Result.Failure<int>(error));

        Assert.Equal(
            """{"isSuccess":false,"error":{"code":"user.missing","message":"User 42 was not found","kind":"NotFound","details":{"userId":"42"}}}""",
            json);
    }

    [Fact]
    public void Serialize_WithNamingPolicy_KeepsEnvelopeCamelCaseAndAppliesPolicyToValue()
    {
        var json = JsonSerializer.Serialize(Result.Success(new Order(7, "Desk")), SnakeCaseOptions);

        Assert.Equal("""{"isSuccess":true,"value":{"id":7,"item_name":"Desk"}}""", json);
    }

    [Fact]
    public void Deserialize_SerializedIntSuccess_RoundTrips()
    {
        var copy = JsonSerializer.Deserialize<Result<int>>(JsonSerializer.Serialize(Result.Success(42)));

        Assert.Equal(Result.Success(42), copy);
    }

    [Fact]
    public void Deserialize_SerializedStringSuccess_RoundTrips()
    {
        var copy = JsonSerializer.Deserialize<Result<string>>(JsonSerializer.Serialize(Result.Success("hello \"world\"")));

        Assert.Equal("hello \"world\"", copy.Value);
    }

    [Fact]
    public void Deserialize_SerializedNullStringSuccess_RoundTrips()
    {
        var json = JsonSerializer.Serialize(Result.Success<string?>(null));

        var copy = JsonSerializer.Deserialize<Result<string?>>(json);

        Assert.Equal("""{"isSuccess":true,"value":null}""", json);
        Assert.True(copy.IsSuccess);
        Assert.Null(copy.Value);
    }

    [Fact]
    public void Deserialize_SerializedRecordSuccess_RoundTrips()
    {
        var order = new Order(7, "Desk");

        var copy = JsonSerializer.Deserialize<Result<Order>>(JsonSerializer.Serialize(Result.Success(order)));

        Assert.Equal(order, copy.Value);
    }

    [Fact]
    public void Deserialize_SerializedFailureWithDetails_RoundTrips()
    {
        var error = Error.Validation("order.quantity", "Quantity must be positive", new Dictionary<string, string> { ["quantity"] = "-1", ["line"] = "3" });

        var copy = JsonSerializer.Deserialize<Result<Order>>(JsonSerializer.Serialize(Result.Failure<Order>(error)));

        Assert.True(copy.IsFailure);
        Assert.Equal(ErrorKind.Validation, copy.Error.Kind);
        Assert.Equal("order.quantity", copy.Error.Code);
        Assert.Equal("Quantity must be positive", copy.Error.Message);
        Assert.Equal(error.Details, copy.Error.Details);
    }

    [Fact]
    public void Deserialize_ResultAsProperty_RoundTrips()
    {
        var envelope = new Envelope("req-1", Result.Success(new Order(1, "Lamp")), Result.Failure(Error.Forbidden("a.b", "m")));

        var copy = JsonSerializer.Deserialize<Envelope>(JsonSerializer.Serialize(envelope))!;

        Assert.Equal(new Order(1, "Lamp"), copy.Order.Value);
        Assert.Equal(ErrorKind.Forbidden, copy.Saved.Error?.Kind);
    }

    [Fact]
    public void Deserialize_NestedResult_RoundTrips()
    {
        var nested = Result.Success(Result.Success(42));

        var copy = JsonSerializer.Deserialize<Result<Result<int>>>(JsonSerializer.Serialize(nested));

        Assert.Equal(42, copy.Value.Value);
    }

    [Fact]
    public void Deserialize_ValueBeforeIsSuccess_Reads()
    {
        var result = JsonSerializer.Deserialize<Result<int>>("""{"value":42,"isSuccess":true}""");

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Deserialize_ErrorBeforeIsSuccess_Reads()
    {
        var result = JsonSerializer.Deserialize<Result<int>>(
            """{"error":{"details":{"k":"v"},"kind":"Conflict","message":"m","code":"a.b"},"isSuccess":false}""");

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal("v", result.Error?.Details["k"]);
    }

    [Fact]
    public void Deserialize_FailureWithNullValue_ReadsFailure()
    {
        var result = JsonSerializer.Deserialize<Result<int>>("""{"isSuccess":false,"value":null,"error":{"code":"a.b","message":"m"}}""");

        Assert.Equal("a.b", result.Error?.Code);
    }

    [Fact]
    public void Deserialize_SuccessWithNullValueForValueType_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Result<int>>("""{"isSuccess":true,"value":null}"""));
    }

    [Fact]
    public void Deserialize_UnknownProperties_AreSkipped()
    {
        var result = JsonSerializer.Deserialize<Result<int>>("""{"meta":{"a":[1,2,{"b":null}]},"isSuccess":true,"value":1,"z":"q"}""");

        Assert.Equal(1, result.Value);
    }

    [Fact]
    public void Deserialize_WithCaseInsensitiveOptions_ReadsValueWithPolicy()
    {
        var result = JsonSerializer.Deserialize<Result<Order>>("""{"isSuccess":true,"value":{"ID":3,"itemName":"Pen"}}""", JsonSerializerOptions.Web);

        Assert.Equal(new Order(3, "Pen"), result.Value);
    }

    [Theory]
    [InlineData("""{"value":42}""", "\"isSuccess\" is missing")]
    [InlineData("""{"isSuccess":true}""", "must have a \"value\"")]
    [InlineData("""{"isSuccess":false}""", "must have an \"error\"")]
    [InlineData("""{"isSuccess":false,"value":42,"error":{"code":"a.b","message":"m"}}""", "must not have a \"value\"")]
    [InlineData("""{"isSuccess":true,"value":42,"error":{"code":"a.b","message":"m"}}""", "must not have an \"error\"")]
    [InlineData("""{"isSuccess":1,"value":42}""", "\"isSuccess\" must be true or false")]
    [InlineData("""[42]""", "expected a JSON object")]
    [InlineData("""null""", "expected a JSON object")]
    public void Deserialize_MalformedResult_ThrowsJsonExceptionSayingWhy(string json, string expected)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Result<int>>(json));

        Assert.StartsWith("Cannot read Result<Int32> from JSON", exception.Message, StringComparison.Ordinal);
        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_ValueOfWrongType_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Result<int>>("""{"isSuccess":true,"value":"forty-two"}"""));
    }

    [Fact]
    public void Deserialize_DuplicateIsSuccessWhenDisallowed_ThrowsJsonException()
    {
        var exception = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<Result<int>>("""{"isSuccess":false,"isSuccess":true,"value":1}""", NoDuplicatesOptions));

        Assert.Contains("\"isSuccess\" appears more than once", exception.Message, StringComparison.Ordinal);
    }

    public sealed record Order(int Id, string ItemName);

    public sealed record Envelope(string RequestId, Result<Order> Order, Result Saved);
}
