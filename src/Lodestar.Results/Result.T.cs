using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// The outcome of an operation that returns a <typeparamref name="T"/>: a success holding the <see cref="Value"/>, or a
/// failure carrying an <see cref="Results.Error"/>.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <remarks>
/// <para>
/// A small readonly struct holding the value, the error reference and a flag: creating, passing, checking, mapping
/// and binding a success allocates nothing (use the state-passing overloads with <see langword="static"/> lambdas to
/// keep the delegates allocation-free too). Create one with <see cref="Result.Success{T}(T)"/>,
/// <see cref="Result.Failure{T}(Results.Error)"/> or an implicit conversion from a <typeparamref name="T"/> or an
/// <see cref="Results.Error"/>.
/// </para>
/// <para>
/// <c>default(Result&lt;T&gt;)</c> is a <em>failure</em> whose error has code <c>result.uninitialized</c>.
/// Two successes are equal when their values are equal (<see cref="EqualityComparer{T}.Default"/>); two failures are
/// equal when they carry the same <see cref="Results.Error"/> instance.
/// </para>
/// </remarks>
[JsonConverter(typeof(ResultJsonConverterFactory))]
public readonly struct Result<T> : IEquatable<Result<T>>
{
    private readonly T _value;
    private readonly Error? _error;
    private readonly bool _isSuccess;

    /// <summary>Initializes a successful result holding <paramref name="value"/>.</summary>
    internal Result(T value)
    {
        _value = value;
        _error = null;
        _isSuccess = true;
    }

    /// <summary>Initializes a failed result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    internal Result(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _value = default!;
        _error = error;
        _isSuccess = false;
    }

    /// <summary>Gets a value indicating whether the operation succeeded. When <see langword="false"/>, <see cref="Error"/> is not <see langword="null"/>.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>Gets a value indicating whether the operation failed. When <see langword="true"/>, <see cref="Error"/> is not <see langword="null"/>.</summary>
    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    /// <summary>
    /// Gets why the operation failed, or <see langword="null"/> when it succeeded. For <c>default(Result&lt;T&gt;)</c> this
    /// is the <c>result.uninitialized</c> error.
    /// </summary>
    public Error? Error
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _isSuccess ? null : _error ?? Error.Uninitialized;
    }

    /// <summary>Gets the value of a successful result.</summary>
    /// <exception cref="InvalidOperationException">
    /// The result failed. The message names the error's kind, code and message; check <see cref="IsSuccess"/> first, or use
    /// <see cref="TryGetValue"/> or <see cref="Match{TOut}"/>.
    /// </exception>
    public T Value
    {
        get
        {
            if (!_isSuccess)
            {
                ThrowHelper.ThrowValueOfFailure<T>(Error!);
            }

            return _value;
        }
    }

    /// <summary>Converts a value to a successful result.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Result<T>(T value) => new(value);

    /// <summary>Converts an error to a failed result.</summary>
    /// <param name="error">Why the operation failed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is <see langword="null"/>.</exception>
    public static implicit operator Result<T>(Error error) => new(error);

    /// <summary>Converts to a <see cref="Result"/> with the same outcome, dropping the value. The same as <see cref="ToResult"/>.</summary>
    /// <param name="result">The result to convert.</param>
    public static explicit operator Result(Result<T> result) => result.ToResult();

    /// <summary>Returns <see langword="true"/> when the two results are equal.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator ==(Result<T> left, Result<T> right) => left.Equals(right);

    /// <summary>Returns <see langword="true"/> when the two results are not equal.</summary>
    /// <param name="left">The first result.</param>
    /// <param name="right">The second result.</param>
    public static bool operator !=(Result<T> left, Result<T> right) => !left.Equals(right);

    /// <summary>Gets the value when the result succeeded.</summary>
    /// <param name="value">The value on success; <c>default</c> on failure.</param>
    /// <returns><see langword="true"/> when the result succeeded.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return _isSuccess;
    }

    /// <summary>Returns the value on success, or <c>default(T)</c> on failure.</summary>
    /// <returns>The value, or <c>default(T)</c>.</returns>
    public T? GetValueOrDefault() => _value;

    /// <summary>Returns the value on success, or <paramref name="fallback"/> on failure.</summary>
    /// <param name="fallback">What to return on failure.</param>
    /// <returns>The value, or <paramref name="fallback"/>.</returns>
    public T GetValueOrDefault(T fallback) => _isSuccess ? _value : fallback;

    /// <summary>Returns a <see cref="Result"/> with the same outcome, dropping the value.</summary>
    /// <returns>A success, or a failure with the same error.</returns>
    public Result ToResult() => IsSuccess ? Result.Success() : Result.Failure(Error);

    /// <summary>Calls <paramref name="onSuccess"/> with the value or <paramref name="onFailure"/> with the error, and returns what it returns.</summary>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="onSuccess">Called with the value when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    public TOut Match<TOut>(Func<T, TOut> onSuccess, Func<Error, TOut> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        return IsSuccess ? onSuccess(_value) : onFailure(Error);
    }

    /// <summary>On success, transforms the value; on failure, returns this failure without calling <paramref name="map"/>.</summary>
    /// <typeparam name="TOut">The type of the new value.</typeparam>
    /// <param name="map">Transforms the value.</param>
    /// <returns>A success holding the new value, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess ? new Result<TOut>(map(_value)) : new Result<TOut>(Error);
    }

    /// <summary>
    /// On success, transforms the value with the help of <paramref name="state"/>; on failure, returns this failure without
    /// calling <paramref name="map"/>. Pass a <see langword="static"/> lambda to avoid allocating a closure.
    /// </summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <typeparam name="TOut">The type of the new value.</typeparam>
    /// <param name="state">Passed to <paramref name="map"/>.</param>
    /// <param name="map">Transforms the value.</param>
    /// <returns>A success holding the new value, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public Result<TOut> Map<TState, TOut>(TState state, Func<T, TState, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return IsSuccess ? new Result<TOut>(map(_value, state)) : new Result<TOut>(Error);
    }

    /// <summary>On success, runs the next step with the value; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="TOut">The type of the next step's value.</typeparam>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(_value) : new Result<TOut>(Error);
    }

    /// <summary>
    /// On success, runs the next step with the value and <paramref name="state"/>; on failure, returns this failure without
    /// calling <paramref name="next"/>. Pass a <see langword="static"/> lambda to avoid allocating a closure.
    /// </summary>
    /// <typeparam name="TState">The type of the state.</typeparam>
    /// <typeparam name="TOut">The type of the next step's value.</typeparam>
    /// <param name="state">Passed to <paramref name="next"/>.</param>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public Result<TOut> Bind<TState, TOut>(TState state, Func<T, TState, Result<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(_value, state) : new Result<TOut>(Error);
    }

    /// <summary>Awaits <paramref name="onSuccess"/> with the value or <paramref name="onFailure"/> with the error, and returns what it returns.</summary>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="onSuccess">Called with the value when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    public ValueTask<TOut> MatchAsync<TOut>(Func<T, ValueTask<TOut>> onSuccess, Func<Error, ValueTask<TOut>> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        return IsSuccess ? onSuccess(_value) : onFailure(Error);
    }

    /// <summary>On success, awaits the transformed value; on failure, returns this failure without calling <paramref name="map"/>.</summary>
    /// <typeparam name="TOut">The type of the new value.</typeparam>
    /// <param name="map">Transforms the value.</param>
    /// <returns>A success holding the new value, or this failure. Allocates nothing when <paramref name="map"/> completes synchronously.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public ValueTask<Result<TOut>> MapAsync<TOut>(Func<T, ValueTask<TOut>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (IsFailure)
        {
            return new ValueTask<Result<TOut>>(new Result<TOut>(Error));
        }

        var pending = map(_value);
        return pending.IsCompletedSuccessfully
            ? new ValueTask<Result<TOut>>(new Result<TOut>(pending.Result))
            : AwaitValue(pending);
    }

    /// <summary>On success, runs and awaits the next step with the value; on failure, returns this failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="TOut">The type of the next step's value.</typeparam>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or this failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public ValueTask<Result<TOut>> BindAsync<TOut>(Func<T, ValueTask<Result<TOut>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsSuccess ? next(_value) : new ValueTask<Result<TOut>>(new Result<TOut>(Error));
    }

    /// <summary>
    /// Returns <see langword="true"/> when both results succeeded with equal values (<see cref="EqualityComparer{T}.Default"/>),
    /// or both failed with the same error instance.
    /// </summary>
    /// <param name="other">The result to compare with.</param>
    /// <returns>Whether the results are equal.</returns>
    public bool Equals(Result<T> other) =>
        _isSuccess
            ? other._isSuccess && EqualityComparer<T>.Default.Equals(_value, other._value)
            : !other._isSuccess && ReferenceEquals(Error, other.Error);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Result<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        IsSuccess ? HashCode.Combine(true, _value) : RuntimeHelpers.GetHashCode(Error);

    /// <summary>Returns <c>Success(</c>the value<c>)</c>, or <c>Failure(</c>the error<c>)</c>. Values are formatted with the invariant culture.</summary>
    /// <returns>For example <c>Success(42)</c> or <c>Failure(NotFound user.missing: User 42 was not found)</c>.</returns>
    public override string ToString()
    {
        if (IsFailure)
        {
            return "Failure(" + Error + ")";
        }

        return _value is null ? "Success(null)" : string.Create(CultureInfo.InvariantCulture, $"Success({_value})");
    }

    private static async ValueTask<Result<TOut>> AwaitValue<TOut>(ValueTask<TOut> pending) =>
        new Result<TOut>(await pending.ConfigureAwait(false));
}
