namespace Lodestar.Results.Tests;

public sealed class ErrorTests
{
    public static TheoryData<ErrorKind> FactoryKinds =>
    [
        ErrorKind.Validation,
        ErrorKind.NotFound,
        ErrorKind.Conflict,
        ErrorKind.Unavailable,
        ErrorKind.Timeout,
        ErrorKind.Forbidden,
        ErrorKind.Cancelled,
        ErrorKind.Unexpected,
    ];

    [Theory]
    [MemberData(nameof(FactoryKinds))]
    public void Factory_PerKind_SetsKindCodeMessageAndDetails(ErrorKind kind)
    {
        var details = new Dictionary<string, string> { ["userId"] = "42" };

        var error = CreateWithFactory(kind, "user.missing", "User 42 was not found", details);

        Assert.Equal(kind, error.Kind);
        Assert.Equal("user.missing", error.Code);
        Assert.Equal("User 42 was not found", error.Message);
        Assert.Equal(details, error.Details);
        Assert.Null(error.Exception);
    }

    [Theory]
    [MemberData(nameof(FactoryKinds))]
    public void Factory_WithoutDetails_HasEmptyDetails(ErrorKind kind)
    {
        var error = CreateWithFactory(kind, "a.b", "message", details: null);

        Assert.NotNull(error.Details);
        Assert.Empty(error.Details);
    }

    [Fact]
    public void Details_WhenNone_AreOneSharedEmptyInstance()
    {
        var first = Error.NotFound("a.b", "message");
        var second = Error.Conflict("c.d", "message", new Dictionary<string, string>());

        Assert.Same(first.Details, second.Details);
    }

    [Fact]
    public void Details_SourceDictionaryChangedLater_AreNotAffected()
    {
        var source = new Dictionary<string, string> { ["userId"] = "42" };
        var error = Error.NotFound("user.missing", "User 42 was not found", source);

        source["userId"] = "7";
        source["extra"] = "x";

        Assert.Equal("42", error.Details["userId"]);
        Assert.Single(error.Details);
    }

    [Fact]
    public void Details_CastToDictionary_CannotBeMutated()
    {
        var error = Error.NotFound("user.missing", "User 42 was not found", new Dictionary<string, string> { ["userId"] = "42" });

        var asDictionary = Assert.IsAssignableFrom<IDictionary<string, string>>(error.Details);

        Assert.Throws<NotSupportedException>(() => asDictionary["userId"] = "7");
    }

    [Fact]
    public void Unexpected_WithException_KeepsException()
    {
        var exception = new InvalidOperationException("boom");

        var error = Error.Unexpected("module.start.exception", "Start threw", exception);

        Assert.Equal(ErrorKind.Unexpected, error.Kind);
        Assert.Same(exception, error.Exception);
    }

    [Fact]
    public void Create_WithKind_SetsKind()
    {
        var error = Error.Create(ErrorKind.Forbidden, "doc.read.forbidden", "No access");

        Assert.Equal(ErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public void Create_UndefinedKind_ThrowsArgumentOutOfRangeException()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Error.Create((ErrorKind)99, "a.b", "message"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Factory_InvalidCode_ThrowsArgumentException(string? code)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => Error.Validation(code!, "message"));

        Assert.Equal("code", exception.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Factory_InvalidMessage_ThrowsArgumentException(string? message)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => Error.NotFound("a.b", message!));

        Assert.Equal("message", exception.ParamName);
    }

    [Fact]
    public void Factory_NullDetailValue_ThrowsArgumentException()
    {
        var details = new Dictionary<string, string> { ["key"] = null! };

        var exception = Assert.Throws<ArgumentException>(() => Error.Conflict("a.b", "message", details));

        Assert.Equal("details", exception.ParamName);
    }

    [Fact]
    public void FromException_AnyException_IsUnexpectedWithCodeMessageTypeAndException()
    {
        var exception = new InvalidOperationException("The thing broke");

        var error = Error.FromException(exception);

        Assert.Equal(ErrorKind.Unexpected, error.Kind);
        Assert.Equal("exception.unhandled", error.Code);
        Assert.Equal("The thing broke", error.Message);
        Assert.Equal("System.InvalidOperationException", error.Details["exceptionType"]);
        Assert.Same(exception, error.Exception);
    }

    [Fact]
    public void FromException_OperationCanceledException_IsCancelled()
    {
        var error = Error.FromException(new OperationCanceledException());

        Assert.Equal(ErrorKind.Cancelled, error.Kind);
    }

    [Fact]
    public void FromException_TaskCanceledException_IsCancelled()
    {
        var error = Error.FromException(new TaskCanceledException());

        Assert.Equal(ErrorKind.Cancelled, error.Kind);
        Assert.Equal("System.Threading.Tasks.TaskCanceledException", error.Details["exceptionType"]);
    }

    [Fact]
    public void FromException_EmptyMessage_UsesTypeName()
    {
        var error = Error.FromException(new InvalidOperationException(string.Empty));

        Assert.Equal("An exception of type System.InvalidOperationException was thrown.", error.Message);
    }

    [Fact]
    public void FromException_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Error.FromException(null!));
    }

    [Fact]
    public void WithDetail_NewKey_ReturnsNewErrorAndLeavesOriginalUnchanged()
    {
        var original = Error.NotFound("user.missing", "User 42 was not found");

        var extended = original.WithDetail("userId", "42");

        Assert.NotSame(original, extended);
        Assert.Empty(original.Details);
        Assert.Equal("42", extended.Details["userId"]);
    }

    [Fact]
    public void WithDetail_ExistingKey_ReplacesValueInCopyOnly()
    {
        var original = Error.NotFound("user.missing", "message", new Dictionary<string, string> { ["userId"] = "42" });

        var changed = original.WithDetail("userId", "7");

        Assert.Equal("42", original.Details["userId"]);
        Assert.Equal("7", changed.Details["userId"]);
        Assert.Single(changed.Details);
    }

    [Fact]
    public void WithDetail_Always_KeepsKindCodeMessageAndException()
    {
        var exception = new InvalidOperationException("boom");
        var original = Error.Unexpected("a.b", "message", exception);

        var extended = original.WithDetail("k", "v");

        Assert.Equal(original.Kind, extended.Kind);
        Assert.Equal(original.Code, extended.Code);
        Assert.Equal(original.Message, extended.Message);
        Assert.Same(exception, extended.Exception);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void WithDetail_InvalidKey_ThrowsArgumentException(string? key)
    {
        var error = Error.NotFound("a.b", "message");

        Assert.ThrowsAny<ArgumentException>(() => error.WithDetail(key!, "v"));
    }

    [Fact]
    public void WithDetail_NullValue_ThrowsArgumentNullException()
    {
        var error = Error.NotFound("a.b", "message");

        Assert.Throws<ArgumentNullException>(() => error.WithDetail("k", null!));
    }

    [Fact]
    public void ToString_WithoutDetails_IsKindCodeAndMessage()
    {
        var error = Error.NotFound("user.missing", "User 42 was not found");

        Assert.Equal("NotFound user.missing: User 42 was not found", error.ToString());
    }

    [Fact]
    public void ToString_WithDetails_AppendsDetailsInBraces()
    {
        var error = Error.NotFound("user.missing", "User 42 was not found")
            .WithDetail("userId", "42")
            .WithDetail("tenant", "acme");

        Assert.Equal("NotFound user.missing: User 42 was not found {userId=42, tenant=acme}", error.ToString());
    }

    private static Error CreateWithFactory(ErrorKind kind, string code, string message, IReadOnlyDictionary<string, string>? details) => kind switch
    {
        ErrorKind.Validation => Error.Validation(code, message, details),
        ErrorKind.NotFound => Error.NotFound(code, message, details),
        ErrorKind.Conflict => Error.Conflict(code, message, details),
        ErrorKind.Unavailable => Error.Unavailable(code, message, details),
        ErrorKind.Timeout => Error.Timeout(code, message, details),
        ErrorKind.Forbidden => Error.Forbidden(code, message, details),
        ErrorKind.Cancelled => Error.Cancelled(code, message, details),
        ErrorKind.Unexpected => Error.Unexpected(code, message, exception: null, details),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
