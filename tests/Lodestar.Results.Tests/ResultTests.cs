namespace Lodestar.Results.Tests;

public sealed class ResultTests
{
    private static readonly Error NotFound = Error.NotFound("user.missing", "User 42 was not found");

    [Fact]
    public void Success_Always_IsSuccessWithoutError()
    {
        var result = Result.Success();

        Assert.True(result.IsSuccess);
        Assert.False(result.IsFailure);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Ok_Always_EqualsSuccess()
    {
        Assert.True(Result.Ok.IsSuccess);
        Assert.Equal(Result.Success(), Result.Ok);
    }

    [Fact]
    public void Failure_WithError_IsFailureCarryingError()
    {
        var result = Result.Failure(NotFound);

        Assert.False(result.IsSuccess);
        Assert.True(result.IsFailure);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void Failure_NullError_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Failure(null!));
    }

    [Fact]
    public void Default_NotAssigned_IsFailureWithUninitializedError()
    {
        var result = default(Result);

        Assert.True(result.IsFailure);
        Assert.Equal("result.uninitialized", result.Error.Code);
        Assert.Equal(ErrorKind.Unexpected, result.Error.Kind);
        Assert.Contains("default Result", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImplicitConversion_FromError_IsFailure()
    {
        Result result = NotFound;

        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void IsFailure_WhenTrue_LetsErrorBeReadWithoutNullCheck()
    {
        var result = Result.Failure(NotFound);

        // Compiles without a nullable warning (warnings are errors) thanks to [MemberNotNullWhen].
        var code = result.IsFailure ? result.Error.Code : "none";

        Assert.Equal("user.missing", code);
    }

    [Fact]
    public void Match_OnSuccess_CallsOnSuccess()
    {
        var outcome = Result.Success().Match(static () => "ok", static e => e.Code);

        Assert.Equal("ok", outcome);
    }

    [Fact]
    public void Match_OnFailure_CallsOnFailureWithError()
    {
        var outcome = Result.Failure(NotFound).Match(static () => "ok", static e => e.Code);

        Assert.Equal("user.missing", outcome);
    }

    [Fact]
    public void Bind_OnSuccess_ReturnsNextResult()
    {
        var other = Error.Conflict("a.b", "message");

        var result = Result.Success().Bind(() => Result.Failure(other));

        Assert.Same(other, result.Error);
    }

    [Fact]
    public void Bind_OnFailure_DoesNotCallNextAndKeepsError()
    {
        var called = false;

        var result = Result.Failure(NotFound).Bind(() =>
        {
            called = true;
            return Result.Success();
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void BindOfT_OnSuccess_ReturnsNextResult()
    {
        var result = Result.Success().Bind(static () => Result.Success(42));

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void BindOfT_OnFailure_DoesNotCallNextAndKeepsError()
    {
        var called = false;

        var result = Result.Failure(NotFound).Bind(() =>
        {
            called = true;
            return Result.Success(42);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public void Map_OnSuccess_ReturnsValue()
    {
        var result = Result.Success().Map(static () => "value");

        Assert.Equal("value", result.Value);
    }

    [Fact]
    public void Map_OnFailure_DoesNotCallMapAndKeepsError()
    {
        var called = false;

        var result = Result.Failure(NotFound).Map(() =>
        {
            called = true;
            return 1;
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task BindAsync_OnSuccess_ReturnsNextResult()
    {
        var result = await Result.Success().BindAsync(static async () =>
        {
            await Task.Yield();
            return Result.Failure(Error.Conflict("a.b", "message"));
        });

        Assert.Equal("a.b", result.Error?.Code);
    }

    [Fact]
    public async Task BindAsync_OnFailure_DoesNotCallNext()
    {
        var called = false;

        var result = await Result.Failure(NotFound).BindAsync(() =>
        {
            called = true;
            return new ValueTask<Result>(Result.Success());
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task BindAsyncOfT_OnSuccess_ReturnsNextResult()
    {
        var result = await Result.Success().BindAsync(static async () =>
        {
            await Task.Yield();
            return Result.Success(42);
        });

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task BindAsyncOfT_OnFailure_DoesNotCallNext()
    {
        var called = false;

        var result = await Result.Failure(NotFound).BindAsync(() =>
        {
            called = true;
            return new ValueTask<Result<int>>(Result.Success(42));
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MapAsync_OnSuccessCompletingSynchronously_ReturnsValue()
    {
        var result = await Result.Success().MapAsync(static () => new ValueTask<int>(42));

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_OnSuccessCompletingAsynchronously_ReturnsValue()
    {
        var result = await Result.Success().MapAsync(static async () =>
        {
            await Task.Yield();
            return 42;
        });

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_OnFailure_DoesNotCallMap()
    {
        var called = false;

        var result = await Result.Failure(NotFound).MapAsync(() =>
        {
            called = true;
            return new ValueTask<int>(42);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MatchAsync_OnSuccess_CallsOnSuccess()
    {
        var outcome = await Result.Success().MatchAsync(
            static () => new ValueTask<string>("ok"),
            static e => new ValueTask<string>(e.Code));

        Assert.Equal("ok", outcome);
    }

    [Fact]
    public async Task MatchAsync_OnFailure_CallsOnFailureWithError()
    {
        var outcome = await Result.Failure(NotFound).MatchAsync(
            static () => new ValueTask<string>("ok"),
            static e => new ValueTask<string>(e.Code));

        Assert.Equal("user.missing", outcome);
    }

    [Fact]
    public void Try_ActionSucceeds_ReturnsSuccess()
    {
        var ran = false;

        var result = Result.Try(() => { ran = true; });

        Assert.True(ran);
        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Try_ActionThrows_ReturnsUnexpectedFailureWithException()
    {
        var exception = new InvalidOperationException("boom");

        var result = Result.Try(() => throw exception);

        Assert.True(result.IsFailure);
        Assert.Equal(ErrorKind.Unexpected, result.Error.Kind);
        Assert.Equal("exception.unhandled", result.Error.Code);
        Assert.Equal("boom", result.Error.Message);
        Assert.Same(exception, result.Error.Exception);
    }

    [Fact]
    public void Try_ActionThrowsOperationCanceled_ReturnsCancelledFailure()
    {
        var result = Result.Try(static () => throw new OperationCanceledException());

        Assert.Equal(ErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public void Try_NullAction_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Try(null!));
    }

    [Fact]
    public void TryOfT_FuncSucceeds_ReturnsValue()
    {
        var result = Result.Try(static () => 42);

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void TryOfT_FuncThrows_ReturnsUnexpectedFailure()
    {
        var result = Result.Try<int>(static () => throw new FormatException("bad"));

        Assert.Equal(ErrorKind.Unexpected, result.Error?.Kind);
        Assert.IsType<FormatException>(result.Error?.Exception);
    }

    [Fact]
    public void TryOfT_FuncThrowsOperationCanceled_ReturnsCancelledFailure()
    {
        var result = Result.Try<int>(static () => throw new OperationCanceledException());

        Assert.Equal(ErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public async Task TryAsync_ActionSucceeds_ReturnsSuccess()
    {
        var result = await Result.TryAsync(static async () => await Task.Yield());

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public async Task TryAsync_ActionThrowsSynchronously_ReturnsFailure()
    {
        var result = await Result.TryAsync(static () => throw new InvalidOperationException("sync"));

        Assert.Equal(ErrorKind.Unexpected, result.Error?.Kind);
        Assert.Equal("sync", result.Error?.Message);
    }

    [Fact]
    public async Task TryAsync_ActionThrowsAfterAwait_ReturnsFailure()
    {
        var result = await Result.TryAsync(static async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async");
        });

        Assert.Equal("async", result.Error?.Message);
    }

    [Fact]
    public async Task TryAsync_ActionCancelled_ReturnsCancelledFailure()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var result = await Result.TryAsync(async () => await Task.Delay(1000, cts.Token));

        Assert.Equal(ErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public async Task TryAsync_NullAction_ThrowsArgumentNullExceptionInsteadOfFailing()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => Result.TryAsync(null!).AsTask());
    }

    [Fact]
    public async Task TryAsyncOfT_FuncSucceeds_ReturnsValue()
    {
        var result = await Result.TryAsync(static async () =>
        {
            await Task.Yield();
            return 42;
        });

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task TryAsyncOfT_FuncThrows_ReturnsUnexpectedFailure()
    {
        var result = await Result.TryAsync<int>(static async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        });

        Assert.Equal(ErrorKind.Unexpected, result.Error?.Kind);
    }

    [Fact]
    public async Task TryAsyncOfT_FuncCancelled_ReturnsCancelledFailure()
    {
        var result = await Result.TryAsync<int>(static () => throw new TaskCanceledException());

        Assert.Equal(ErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public void ToString_Success_IsSuccess()
    {
        Assert.Equal("Success", Result.Success().ToString());
    }

    [Fact]
    public void ToString_Failure_WrapsError()
    {
        Assert.Equal("Failure(NotFound user.missing: User 42 was not found)", Result.Failure(NotFound).ToString());
    }

    [Fact]
    public void Equals_TwoSuccesses_AreEqual()
    {
        Assert.True(Result.Success() == Result.Ok);
        Assert.Equal(Result.Success().GetHashCode(), Result.Ok.GetHashCode());
    }

    [Fact]
    public void Equals_FailuresWithSameError_AreEqual()
    {
        var left = Result.Failure(NotFound);
        var right = Result.Failure(NotFound);

        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Equals_FailuresWithEqualLookingErrors_AreNotEqual()
    {
        var left = Result.Failure(Error.NotFound("a.b", "message"));
        var right = Result.Failure(Error.NotFound("a.b", "message"));

        Assert.True(left != right);
    }

    [Fact]
    public void Equals_SuccessAndFailure_AreNotEqual()
    {
        Assert.NotEqual(Result.Success(), Result.Failure(NotFound));
    }

    [Fact]
    public void Equals_TwoDefaults_AreEqual()
    {
        Assert.Equal(default(Result), default);
    }

    [Fact]
    public void Equals_BoxedEqualResult_IsTrue()
    {
        object boxed = Result.Success();

        Assert.True(Result.Success().Equals(boxed));
        Assert.False(Result.Success().Equals("Success"));
    }
}
