using System.Globalization;

namespace Lodestar.Results.Tests;

public sealed class ResultAsyncExtensionsTests
{
    private static readonly Error NotFound = Error.NotFound("user.missing", "User 42 was not found");

    [Fact]
    public async Task MapAsync_SyncMapOnPendingSuccess_TransformsValue()
    {
        var result = await Pending(Result.Success(21)).MapAsync(static v => v * 2);

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_SyncMapOnCompletedSuccess_TransformsValue()
    {
        var result = await Completed(Result.Success(21)).MapAsync(static v => v * 2);

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task MapAsync_AsyncLambda_MapsToAwaitedValue()
    {
        Result<int> result = await Pending(Result.Success(21)).MapAsync(static async v =>
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

        var result = await Pending(Result.Failure<int>(NotFound)).MapAsync(v =>
        {
            called = true;
            return v;
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MapAsync_AsyncMapOnFailure_DoesNotCallMap()
    {
        var called = false;

        var result = await Completed(Result.Failure<int>(NotFound)).MapAsync(v =>
        {
            called = true;
            return new ValueTask<int>(v);
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task BindAsync_SyncNextOnPendingSuccess_ReturnsNextResult()
    {
        var result = await Pending(Result.Success(21)).BindAsync(static v => Result.Success(v * 2));

        Assert.Equal(42, result.Value);
    }

    [Fact]
    public async Task BindAsync_AsyncNextOnPendingSuccess_ReturnsNextResult()
    {
        var result = await Pending(Result.Success(21)).BindAsync(static async v =>
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

        var result = await Pending(Result.Failure<int>(NotFound)).BindAsync(v =>
        {
            called = true;
            return new ValueTask<Result<int>>(Result.Success(v));
        });

        Assert.False(called);
        Assert.Same(NotFound, result.Error);
    }

    [Fact]
    public async Task MatchAsync_OnPendingSuccess_CallsOnSuccess()
    {
        var outcome = await Pending(Result.Success(42)).MatchAsync(
            static v => v.ToString(CultureInfo.InvariantCulture),
            static e => e.Code);

        Assert.Equal("42", outcome);
    }

    [Fact]
    public async Task MatchAsync_AsyncDelegatesOnPendingFailure_CallsOnFailure()
    {
        var outcome = await Pending(Result.Failure<int>(NotFound)).MatchAsync(
            static v => new ValueTask<string>(v.ToString(CultureInfo.InvariantCulture)),
            static e => new ValueTask<string>(e.Code));

        Assert.Equal("user.missing", outcome);
    }

    [Fact]
    public async Task Chain_AllStepsSucceed_FlowsValueThrough()
    {
        var result = await LoadUserNameAsync(42)
            .MapAsync(static name => name.ToUpperInvariant())
            .BindAsync(static name => ValidateAsync(name))
            .MapAsync(static name => name.Length);

        Assert.Equal(7, result.Value);
    }

    [Fact]
    public async Task Chain_MiddleStepFails_SkipsLaterSteps()
    {
        var laterCalled = false;

        var result = await LoadUserNameAsync(42)
            .BindAsync(static _ => Result.Failure<string>(Error.Validation("name.invalid", "Invalid name")))
            .MapAsync(name =>
            {
                laterCalled = true;
                return name.Length;
            });

        Assert.False(laterCalled);
        Assert.Equal("name.invalid", result.Error?.Code);
    }

    private static ValueTask<Result<T>> Completed<T>(Result<T> result) => new(result);

    private static async ValueTask<Result<T>> Pending<T>(Result<T> result)
    {
        await Task.Yield();
        return result;
    }

    private static async ValueTask<Result<string>> LoadUserNameAsync(int id)
    {
        await Task.Yield();
        return "user-" + id.ToString(CultureInfo.InvariantCulture);
    }

    private static async ValueTask<Result<string>> ValidateAsync(string name)
    {
        await Task.Yield();
        return name.Length > 0 ? name : Error.Validation("name.empty", "Name is empty");
    }
}
