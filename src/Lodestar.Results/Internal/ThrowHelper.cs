using System.Diagnostics.CodeAnalysis;

namespace Lodestar.Results;

/// <summary>Builds and throws the exceptions of the result types, out of line so the hot paths stay small and inlinable.</summary>
internal static class ThrowHelper
{
    /// <summary>Throws the exception for reading <see cref="Result{T}.Value"/> of a failed result.</summary>
    [DoesNotReturn]
    public static void ThrowValueOfFailure<T>(Error error) =>
        throw new InvalidOperationException(
            "Cannot read Value of a failed " + TypeNames.ResultOf<T>() + ": " + error + ". Check IsSuccess or use TryGetValue/Match.",
            error.Exception);
}
