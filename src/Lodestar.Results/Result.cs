using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// The outcome of an operation that returns no value: a success, or a failure carrying an <see cref="Results.Error"/>.
/// Also holds the factories for <see cref="Result{T}"/> (<see cref="Success{T}(T)"/>, <see cref="Failure{T}(Results.Error)"/>)
/// and the exception-catching helpers (<see cref="Try(Action)"/>, <see cref="TryAsync(Func{ValueTask})"/>).
/// </summary>
/// <remarks>
/// <para>A <see cref="Result"/> is a small readonly struct; creating, passing and checking one allocates nothing.</para>
/// <para>
/// <c>default(Result)</c> is a <em>failure</em> whose error has code <c>result.uninitialized</c>, so a field or
/// variable that was never assigned cannot pass for a success.
/// </para>
/// <para>Two results are equal when both succeeded, or when both failed with the same <see cref="Results.Error"/> instance.</para>
/// </remarks>
[JsonConverter(typeof(ResultJsonConverter))]
public readonly struct Result : IEquatable<Result>
{
    private readonly Error? _error;
    private readonly bool _isSuccess;

    private Result(bool isSuccess, Error? error)
    {
        _isSuccess = isSuccess;
        _error = error;
    }

    /// <summary>Gets a successful result. The same as <see cref="Success()"/>.</summary>
    public static Result Ok => new(isSuccess: true, error: null);

    /// <summary>Gets a value indicating whether the operation succeeded. When <see langword="false"/>, <see cref="Error"/> is not <see langword="null"/>.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Gets a value indicating whether the operation failed. When <see langword="true"/>, <see cref="Error"/> is not <see langword="null"/>.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    /// <summary>
    /// Gets why the operation failed, or <see langword="null"/> when it succeeded. For <c>default(Result)</c> this is the
    /// <c>result.uninitialized</c> error.
    /// </summary>
    public Error? Error
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _isSuccess ? null : _error ?? Error.Uninitialized;
    }

    /// <summary>Converts an error to a failed result.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static implicit operator Result(Error error) => Failure(error);

    /// <summary>Returns <see langword="true"/> when the two results are equal: both succeeded, or both failed with the same error instance.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator ==(Result left, Result right) => left.Equals(right);

    /// <summary>Returns <see langword="true"/> when the two results are not equal.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator !=(Result left, Result right) => !left.Equals(right);

    /// <summary>Returns a successful result.</summary>
    /// <returns>A success.</returns>
    public static Result Success() => new(isSuccess: true, error: null);

    /// <summary>Returns a failed result.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <returns>A failure carrying <paramref name="error"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static Result Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result(isSuccess: false, error);
    }

    /// <summary>Returns a successful <see cref="Result{T}"/> holding <paramref name="value"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>A success holding <paramref name="value"/>.</returns>
    public static Result<T> Success<T>(T value) => new(value);

    /// <summary>Returns a failed <see cref="Result{T}"/>.</summary>
    /// <typeparam name="T">The type of the value a success would hold.</typeparam>
    /// <param name="error">Why the operation failed.</param>
    /// <returns>A failure carrying <paramref name="error"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static Result<T> Failure<T>(Error error) => new(error);

    /// <summary>
    /// Runs <paramref name="action"/> and returns a success, or a failure made by <see cref="Error.FromException"/> if it
    /// throws (<see cref="ErrorKind.Cancelled"/> for an <see cref="OperationCanceledException"/>, otherwise
    /// <see cref="ErrorKind.Unexpected"/>).
    /// </summary>
    /// <param name="action">The code to run.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Turning any exception into a failed Result is the purpose of Try.")]
    public static Result Try(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
            return Success();
        }
        catch (Exception exception)
        {
            return Failure(Error.FromException(exception));
        }
    }

    /// <summary>
    /// Runs <paramref name="func"/> and returns its value as a success, or a failure made by
    /// <see cref="Error.FromException"/> if it throws.
    /// </summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="func">The code to run.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is <see langword="null"/>.</exception>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Turning any exception into a failed Result is the purpose of Try.")]
    public static Result<T> Try<T>(Func<T> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        try
        {
            return new Result<T>(func());
        }
        catch (Exception exception)
        {
            return new Result<T>(Error.FromException(exception));
        }
    }

    /// <summary>
    /// Runs and awaits <paramref name="action"/> and returns a success, or a failure made by
    /// <see cref="Error.FromException"/> if it throws, synchronously or when awaited.
    /// </summary>
    /// <param name="action">The code to run.</param>
    /// <returns>The outcome. Allocates nothing when <paramref name="action"/> completes synchronously.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    public static ValueTask<Result> TryAsync(Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return TryAsyncCore(action);
    }

    /// <summary>
    /// Runs and awaits <paramref name="func"/> and returns its value as a success, or a failure made by
    /// <see cref="Error.FromException"/> if it throws, synchronously or when awaited.
    /// </summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="func">The code to run.</param>
    /// <returns>The outcome. Allocates nothing when <paramref name="func"/> completes synchronously.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="func"/> is <see langword="null"/>.</exception>
    public static ValueTask<Result<T>> TryAsync<T>(Func<ValueTask<T>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return TryAsyncCore(func);
    }

    /// <summary>Calls <paramref name="onSuccess"/> or <paramref name="onFailure"/>, whichever applies, and returns what it returns.</summary>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="onSuccess">Called when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    public TOut Match<TOut>(Func<TOut> onSuccess, Func<Error, TOut> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        return IsSuccess ? onSuccess() : onFailure(Error);
    }

    /// <summary>On success, runs the next step and returns its result; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public Result Bind(Func<Result> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next() : this;
    }

    /// <summary>On success, runs the next step and returns its result; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="T">The type of the next step's value.</typeparam>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public Result<T> Bind<T>(Func<Result<T>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next() : new Result<T>(Error);
    }

    /// <summary>On success, returns the value made by <paramref name="map"/>; on failure, returns this failure without calling it.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="map">Makes the value.</param>
    /// <returns>A success holding the value, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public Result<T> Map<T>(Func<T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess ? new Result<T>(map()) : new Result<T>(Error);
    }

    /// <summary>Awaits <paramref name="onSuccess"/> or <paramref name="onFailure"/>, whichever applies, and returns what it returns.</summary>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="onSuccess">Called when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    public ValueTask<TOut> MatchAsync<TOut>(Func<ValueTask<TOut>> onSuccess, Func<Error, ValueTask<TOut>> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        return IsSuccess ? onSuccess() : onFailure(Error);
    }

    /// <summary>On success, runs and awaits the next step; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public ValueTask<Result> BindAsync(Func<ValueTask<Result>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next() : new ValueTask<Result>(this);
    }

    /// <summary>On success, runs and awaits the next step; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="T">The type of the next step's value.</typeparam>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public ValueTask<Result<T>> BindAsync<T>(Func<ValueTask<Result<T>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next() : new ValueTask<Result<T>>(new Result<T>(Error));
    }

    /// <summary>On success, awaits the value made by <paramref name="map"/>; on failure, returns this failure without calling it.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="map">Makes the value.</param>
    /// <returns>A success holding the value, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public ValueTask<Result<T>> MapAsync<T>(Func<ValueTask<T>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsFailure)
        {
            return new ValueTask<Result<T>>(new Result<T>(Error));
        }

        var pending = map();
        return pending.IsCompletedSuccessfully
            ? new ValueTask<Result<T>>(new Result<T>(pending.Result))
            : AwaitValue(pending);
    }

    /// <summary>Returns <see langword="true"/> when both results succeeded, or both failed with the same error instance.</summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns>Whether the results are equal.</returns>
    public bool Equals(Result other) => _isSuccess == other._isSuccess && ReferenceEquals(Error, other.Error);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Result other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => IsSuccess ? 1 : RuntimeHelpers.GetHashCode(Error);

    /// <summary>Returns <c>Success</c>, or <c>Failure(</c>the error<c>)</c>.</summary>
    /// <returns>For example <c>Failure(NotFound user.missing: User 42 was not found)</c>.</returns>
    public override string ToString() => IsSuccess ? "Success" : "Failure(" + Error + ")";

    private static async ValueTask<Result<T>> AwaitValue<T>(ValueTask<T> pending) =>
        new Result<T>(await pending.ConfigureAwait(false));

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Turning any exception into a failed Result is the purpose of TryAsync.")]
    private static async ValueTask<Result> TryAsyncCore(Func<ValueTask> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return Success();
        }
        catch (Exception exception)
        {
            return Failure(Error.FromException(exception));
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Turning any exception into a failed Result is the purpose of TryAsync.")]
    private static async ValueTask<Result<T>> TryAsyncCore<T>(Func<ValueTask<T>> func)
    {
        try
        {
            return new Result<T>(await func().ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            return new Result<T>(Error.FromException(exception));
        }
    }
}
