using System.Globalization;

namespace Lodestar.Results.Tests;

public sealed class ResultOfTTests
{
    private static readonly Error NotFound = Error.NotFound("user.missing", "User 42 was not found");

    [Fact]
    public void Success_WithValue_IsSuccessHoldingValue()
    {
        var result = Result.Success(42);

        Assert.True(result.IsSuccess);
        Assert.False(result.IsFailure);
        Assert.Null(result.Error);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Success_WithNullReference_HoldsNull()
    {
        var result = Result.Success<string?>(null);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Failure_WithError_IsFailureCarryingError()
    {
        var result = Result.Failure<int>(NotFound);

        Assert.True(result.IsFailure);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void Failure_NullError_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Failure<int>(null!));
    }

    [Fact]
    public void ImplicitConversion_FromNullError_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() =>
        {
            Result<int> result = (Error)null!;
            return result;
        });
    }

    [Fact]
    public void Default_NotAssigned_IsFailureWithUninitializedError()
    {
        var result = default(Result<int>);

        Assert.True(result.IsFailure);
        Assert.Equal("result.uninitialized", result.Error.Code);
    }

    [Fact]
    public void Default_NotAssigned_SharesErrorWithDefaultResult()
    {
        Assert.Same(default(Result).Error, default(Result<string>).Error);
    }

    [Fact]
    public void Value_OnFailure_ThrowsInvalidOperationExceptionNamingTheError()
    {
        var result = Result.Failure<int>(NotFound);

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);

        Assert.Equal(
            "Cannot read Value of a failed Result<Int32>: NotFound user.missing: User 42 was not found. Check IsSuccess or use TryGetValue/Match.",
            exception.Message);
    }

    [Fact]
    public void Value_OnFailureFromException_HasExceptionAsInner()
    {
        var cause = new InvalidOperationException("boom");
        var result = Result.Failure<int>(Error.FromException(cause));

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);

        Assert.Same(cause, exception.InnerException);
    }

    [Fact]
    public void Value_OnDefault_ThrowsWithUninitializedCode()
    {
        var result = default(Result<List<string>>);

        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);

        Assert.Contains("Result<List<String>>", exception.Message, StringComparison.Ordinal);
        Assert.Contains("result.uninitialized", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetValue_OnSuccess_ReturnsTrueAndValue()
    {
        var found = Result.Success("hello").TryGetValue(out var value);

        Assert.True(found);
        Assert.Equal("hello", value);
    }

    [Fact]
    public void TryGetValue_OnFailure_ReturnsFalseAndDefault()
    {
        var found = Result.Failure<string>(NotFound).TryGetValue(out var value);

        Assert.False(found);
        Assert.Null(value);
    }

    [Fact]
    public void GetValueOrDefault_OnSuccess_ReturnsValue()
    {
        Assert.Equal(42, Result.Success(42).GetValueOrDefault());
        Assert.Equal(42, Result.Success(42).GetValueOrDefault(7));
    }

    [Fact]
    public void GetValueOrDefault_OnFailure_ReturnsDefaultOrFallback()
    {
        var result = Result.Failure<int>(NotFound);

        Assert.Equal(0, result.GetValueOrDefault());
        Assert.Equal(7, result.GetValueOrDefault(7));
    }

    [Fact]
    public void ImplicitConversion_FromValue_IsSuccess()
    {
        Result<int> result = 42;

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void ImplicitConversion_FromError_IsFailure()
    {
        Result<int> result = NotFound;

        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void ExplicitConversion_ToResult_KeepsOutcome()
    {
        var success = (Result)Result.Success(42);
        var failure = (Result)Result.Failure<int>(NotFound);

        Assert.True(success.IsSuccess);
        Assert.Same(NotFound, failure.Error);
    }

    [Fact]
    public void ToResult_OnFailure_KeepsError()
    {
        Assert.Same(NotFound, Result.Failure<int>(NotFound).ToResult().Error);
    }

    [Fact]
    public void ToResult_OnDefault_IsUninitializedFailure()
    {
        Assert.Equal("result.uninitialized", default(Result<int>).ToResult().Error?.Code);
    }

    [Fact]
    public void IsFailure_WhenTrue_LetsErrorBeReadWithoutNullCheck()
    {
        var result = Result.Failure<int>(NotFound);

        // Compiles without a nullable warning (warnings are errors) thanks to [MemberNotNullWhen].
        var code = result.IsFailure ? result.Error.Code : "none";

        Assert.Equal("user.missing", code);
    }

    [Fact]
    public void IsSuccess_WhenFalse_LetsErrorBeReadWithoutNullCheck()
    {
        var result = Result.Failure<int>(NotFound);

        var code = !result.IsSuccess ? result.Error.Code : "none";

        Assert.Equal("user.missing", code);
    }

    [Fact]
    public void Match_OnSuccess_CallsOnSuccessWithValue()
    {
        var outcome = Result.Success(42).Match(static v => v * 2, static _ => -1);

        Assert.Equal(84, outcome);
    }

    [Fact]
    public void Match_OnFailure_CallsOnFailureWithError()
    {
        var outcome = Result.Failure<int>(NotFound).Match(static _ => "value", static e => e.Code);

        Assert.Equal("user.missing", outcome);
    }

    [Fact]
    public void Map_OnSuccess_TransformsValue()
    {
        var result = Result.Success(21).Map(static v => v * 2);

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void Map_OnFailure_DoesNotCallMapAndKeepsError()
    {
        var called = false;

        var result = Result.Failure<int>(NotFound).Map(v =>
        {
            called = true;
            return v.ToString(CultureInfo.InvariantCulture);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void MapWithState_OnSuccess_PassesState()
    {
        var result = Result.Success(21).Map(2, static (v, factor) => v * factor);

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void MapWithState_OnFailure_DoesNotCallMap()
    {
        var calls = new List<int>();

        var result = Result.Failure<int>(NotFound).Map(calls, static (v, list) =>
        {
            list.Add(v);
            return v;
        });

        Assert.Empty(calls);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void Bind_OnSuccess_ReturnsNextResult()
    {
        var result = Result.Success(42).Bind(static v => v > 40 ? Result.Failure<string>(Error.Validation("n.big", "Too big")) : Result.Success("ok"));

        Assert.Equal("n.big", result.Error?.Code);
    }

    [Fact]
    public void Bind_OnFailure_DoesNotCallNextAndKeepsError()
    {
        var called = false;

        var result = Result.Failure<int>(NotFound).Bind(v =>
        {
            called = true;
            return Result.Success(v);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void BindWithState_OnSuccess_PassesState()
    {
        var result = Result.Success(40).Bind(2, static (v, add) => Result.Success(v + add));

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void BindWithState_OnFailure_DoesNotCallNext()
    {
        var calls = new List<int>();

        var result = Result.Failure<int>(NotFound).Bind(calls, static (v, list) =>
        {
            list.Add(v);
            return Result.Success(v);
        });

        Assert.Empty(calls);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MapAsync_OnSuccessCompletingSynchronously_TransformsValue()
    {
        var result = await Result.Success(21).MapAsync(static v => new ValueTask<int>(v * 2));

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_OnSuccessCompletingAsynchronously_TransformsValue()
    {
        var result = await Result.Success(21).MapAsync(static async v =>
        {
            await Task.Yield();
            return v * 2;
        });

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_OnFailure_DoesNotCallMap()
    {
        var called = false;

        var result = await Result.Failure<int>(NotFound).MapAsync(v =>
        {
            called = true;
            return new ValueTask<int>(v);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task BindAsync_OnSuccess_ReturnsNextResult()
    {
        var result = await Result.Success(21).BindAsync(static async v =>
        {
            await Task.Yield();
            return Result.Success(v * 2);
        });

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task BindAsync_OnFailure_DoesNotCallNext()
    {
        var called = false;

        var result = await Result.Failure<int>(NotFound).BindAsync(v =>
        {
            called = true;
            return new ValueTask<Result<int>>(Result.Success(v));
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MatchAsync_OnSuccess_CallsOnSuccessWithValue()
    {
        var outcome = await Result.Success(42).MatchAsync(
            static v => new ValueTask<string>(v.ToString(CultureInfo.InvariantCulture)),
            static e => new ValueTask<string>(e.Code));

        Assert.Equal("42", outcome);
    }

    [Fact]
    public async Task MatchAsync_OnFailure_CallsOnFailureWithError()
    {
        var outcome = await Result.Failure<int>(NotFound).MatchAsync(
            static v => new ValueTask<string>(v.ToString(CultureInfo.InvariantCulture)),
            static e => new ValueTask<string>(e.Code));

        Assert.Equal("user.missing", outcome);
    }

    [Fact]
    public void ToString_Success_WrapsValue()
    {
        Assert.Equal("Success(42)", Result.Success(42).ToString());
    }

    [Fact]
    public void ToString_SuccessWithNull_SaysNull()
    {
        Assert.Equal("Success(null)", Result.Success<string?>(null).ToString());
    }

    [Fact]
    public void ToString_SuccessUnderOtherCulture_FormatsInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("Success(1.5)", Result.Success(1.5).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void ToString_Failure_WrapsError()
    {
        Assert.Equal("Failure(NotFound user.missing: User 42 was not found)", Result.Failure<int>(NotFound).ToString());
    }

    [Fact]
    public void Equals_SuccessesWithEqualValues_AreEqual()
    {
        Assert.True(Result.Success("a") == Result.Success(new string('a', 1)));
        Assert.Equal(Result.Success(42).GetHashCode(), Result.Success(42).GetHashCode());
    }

    [Fact]
    public void Equals_SuccessesWithDifferentValues_AreNotEqual()
    {
        Assert.True(Result.Success(1) != Result.Success(2));
    }

    [Fact]
    public void Equals_FailuresWithSameError_AreEqual()
    {
        Assert.Equal(Result.Failure<int>(NotFound), Result.Failure<int>(NotFound));
    }

    [Fact]
    public void Equals_FailuresWithEqualLookingErrors_AreNotEqual()
    {
        Assert.NotEqual(Result.Failure<int>(Error.NotFound("a.b", "m")), Result.Failure<int>(Error.NotFound("a.b", "m")));
    }

    [Fact]
    public void Equals_DefaultAndSuccessOfDefaultValue_AreNotEqual()
    {
        Assert.NotEqual(default, Result.Success(0));
    }

    [Fact]
    public void Equals_TwoDefaults_AreEqual()
    {
        Assert.Equal(default(Result<int>), default);
    }

    [Fact]
    public void Equals_BoxedEqualResult_IsTrue()
    {
        object boxed = Result.Success(42);

        Assert.True(Result.Success(42).Equals(boxed));
        Assert.False(Result.Success(42).Equals((object)42));
    }
}
