using System.Runtime.CompilerServices;

namespace Lodestar.Results;

/// <summary>
/// Chains steps onto a pending <see cref="ValueTask{TResult}"/> of <see cref="Result{T}"/>, so asynchronous pipelines
/// read top to bottom: <c>await LoadAsync(id).MapAsync(static u => u.Name).BindAsync(SaveAsync)</c>. A failure
/// short-circuits: later steps are not called.
/// </summary>
public static class ResultAsyncExtensions
{
    /// <summary>Awaits the result, then on success transforms the value; on failure returns the failure without calling <paramref name="map"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the new value.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="map">Transforms the value.</param>
    /// <returns>A success holding the new value, or the failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    public static ValueTask<Result<TOut>> MapAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (result.IsCompletedSuccessfully)
        {
            return new ValueTask<Result<TOut>>(result.Result.Map(map));
        }

        return Core(result, map);

        static async ValueTask<Result<TOut>> Core(ValueTask<Result<T>> result, Func<T, TOut> map) =>
            (await result.ConfigureAwait(false)).Map(map);
    }

    /// <summary>Awaits the result, then on success awaits the transformed value; on failure returns the failure without calling <paramref name="map"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the new value.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="map">Transforms the value asynchronously.</param>
    /// <returns>A success holding the new value, or the failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is <see langword="null"/>.</exception>
    /// <remarks>Preferred over the synchronous overload, so an <see langword="async"/> lambda maps to its awaited value rather than to a task.</remarks>
    [OverloadResolutionPriority(1)]
    public static ValueTask<Result<TOut>> MapAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, ValueTask<TOut>> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (result.IsCompletedSuccessfully)
        {
            return result.Result.MapAsync(map);
        }

        return Core(result, map);

        static async ValueTask<Result<TOut>> Core(ValueTask<Result<T>> result, Func<T, ValueTask<TOut>> map) =>
            await (await result.ConfigureAwait(false)).MapAsync(map).ConfigureAwait(false);
    }

    /// <summary>Awaits the result, then on success runs the next step with the value; on failure returns the failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the next step's value.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or the failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    public static ValueTask<Result<TOut>> BindAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, Result<TOut>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (result.IsCompletedSuccessfully)
        {
            return new ValueTask<Result<TOut>>(result.Result.Bind(next));
        }

        return Core(result, next);

        static async ValueTask<Result<TOut>> Core(ValueTask<Result<T>> result, Func<T, Result<TOut>> next) =>
            (await result.ConfigureAwait(false)).Bind(next);
    }

    /// <summary>Awaits the result, then on success runs and awaits the next step with the value; on failure returns the failure without calling <paramref name="next"/>.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the next step's value.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="next">The next step.</param>
    /// <returns>The result of <paramref name="next"/>, or the failure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is <see langword="null"/>.</exception>
    [OverloadResolutionPriority(1)]
    public static ValueTask<Result<TOut>> BindAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, ValueTask<Result<TOut>>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (result.IsCompletedSuccessfully)
        {
            return result.Result.BindAsync(next);
        }

        return Core(result, next);

        static async ValueTask<Result<TOut>> Core(ValueTask<Result<T>> result, Func<T, ValueTask<Result<TOut>>> next) =>
            await (await result.ConfigureAwait(false)).BindAsync(next).ConfigureAwait(false);
    }

    /// <summary>Awaits the result, then calls <paramref name="onSuccess"/> with the value or <paramref name="onFailure"/> with the error.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="onSuccess">Called with the value when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    public static ValueTask<TOut> MatchAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, TOut> onSuccess, Func<Error, TOut> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        if (result.IsCompletedSuccessfully)
        {
            return new ValueTask<TOut>(result.Result.Match(onSuccess, onFailure));
        }

        return Core(result, onSuccess, onFailure);

        static async ValueTask<TOut> Core(ValueTask<Result<T>> result, Func<T, TOut> onSuccess, Func<Error, TOut> onFailure) =>
            (await result.ConfigureAwait(false)).Match(onSuccess, onFailure);
    }

    /// <summary>Awaits the result, then awaits <paramref name="onSuccess"/> with the value or <paramref name="onFailure"/> with the error.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <typeparam name="TOut">The type of the outcome.</typeparam>
    /// <param name="result">The pending result.</param>
    /// <param name="onSuccess">Called with the value when the result succeeded.</param>
    /// <param name="onFailure">Called with the error when the result failed.</param>
    /// <returns>The return value of the delegate that was called.</returns>
    /// <exception cref="ArgumentNullException">A delegate is <see langword="null"/>.</exception>
    [OverloadResolutionPriority(1)]
    public static ValueTask<TOut> MatchAsync<T, TOut>(this ValueTask<Result<T>> result, Func<T, ValueTask<TOut>> onSuccess, Func<Error, ValueTask<TOut>> onFailure)
    {
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        if (result.IsCompletedSuccessfully)
        {
            return result.Result.MatchAsync(onSuccess, onFailure);
        }

        return Core(result, onSuccess, onFailure);

        static async ValueTask<TOut> Core(ValueTask<Result<T>> result, Func<T, ValueTask<TOut>> onSuccess, Func<Error, ValueTask<TOut>> onFailure) =>
            await (await result.ConfigureAwait(false)).MatchAsync(onSuccess, onFailure).ConfigureAwait(false);
    }
}
