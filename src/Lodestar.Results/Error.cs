using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// An immutable description of why an operation failed: a stable, dotted <see cref="Code"/> for programs
/// (for example <c>storage.busy</c>), a <see cref="Message"/> for people, a <see cref="Kind"/> to branch on,
/// string <see cref="Details"/> and, when an exception caused it, the <see cref="Exception"/>.
/// </summary>
/// <remarks>
/// Create errors through the factories (<see cref="Validation"/>, <see cref="NotFound"/>, ...). Errors compare by
/// reference. In JSON an error is <c>{"code":..,"message":..,"kind":"NotFound","details":{..}}</c>; the
/// <see cref="Exception"/> is never serialised.
/// </remarks>
[JsonConverter(typeof(ErrorJsonConverter))]
[SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "Error is the name the rest of the SDK programs against; it clashes only with a Visual Basic statement keyword, and VB callers can still write [Error].")]
public sealed class Error
{
    /// <summary>The code of <see cref="FromException"/> errors.</summary>
    internal const string UnhandledExceptionCode = "exception.unhandled";

    /// <summary>The <see cref="Details"/> key under which <see cref="FromException"/> records the exception's type.</summary>
    internal const string ExceptionTypeDetailKey = "exceptionType";

    /// <summary>The code of the error carried by <c>default(Result)</c> and <c>default(Result&lt;T&gt;)</c>.</summary>
    internal const string UninitializedCode = "result.uninitialized";

    private Error(ErrorKind kind, string code, string message, IReadOnlyDictionary<string, string> details, Exception? exception)
    {
        Kind = kind;
        Code = code;
        Message = message;
        Details = details;
        Exception = exception;
    }

    /// <summary>Gets the stable, dotted, machine-readable code, for example <c>user.missing</c>.</summary>
    public string Code { get; }

    /// <summary>Gets the human-readable explanation.</summary>
    public string Message { get; }

    /// <summary>Gets what kind of failure this is.</summary>
    public ErrorKind Kind { get; }

    /// <summary>Gets extra facts about the failure, such as ids. Never <see langword="null"/>; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Details { get; }

    /// <summary>Gets the exception that caused the failure, if any. It is not serialised.</summary>
    public Exception? Exception { get; }

    /// <summary>Gets the error carried by a <c>default</c> <see cref="Result"/> or <see cref="Result{T}"/>.</summary>
    internal static Error Uninitialized { get; } = new(
        ErrorKind.Unexpected,
        UninitializedCode,
        "A default Result was used without being assigned a success or failure. Create results with Result.Success, Result.Failure or an implicit conversion instead of default(Result) or an unassigned field.",
        ReadOnlyDictionary<string, string>.Empty,
        exception: null);

    /// <summary>Creates an error of the given kind.</summary>
    /// <param name="kind">The kind of failure.</param>
    /// <param name="code">The stable, dotted code, for example <c>user.missing</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space, or a detail value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined <see cref="ErrorKind"/>.</exception>
    public static Error Create(ErrorKind kind, string code, string message, IReadOnlyDictionary<string, string>? details = null)
    {
        if (kind is < ErrorKind.Unexpected or > ErrorKind.Cancelled)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be a defined ErrorKind value.");
        }

        return CreateCore(kind, code, message, details, exception: null);
    }

    /// <summary>Creates a <see cref="ErrorKind.Validation"/> error: the input was rejected.</summary>
    /// <param name="code">The stable, dotted code, for example <c>order.quantity.negative</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Validation(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Validation, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.NotFound"/> error: the thing asked for does not exist.</summary>
    /// <param name="code">The stable, dotted code, for example <c>user.missing</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error NotFound(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.NotFound, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.Conflict"/> error: the request clashes with the current state.</summary>
    /// <param name="code">The stable, dotted code, for example <c>user.email.taken</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Conflict(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Conflict, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.Unavailable"/> error: a dependency or resource is unavailable right now.</summary>
    /// <param name="code">The stable, dotted code, for example <c>storage.busy</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Unavailable(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Unavailable, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.Timeout"/> error: the operation did not finish in time.</summary>
    /// <param name="code">The stable, dotted code, for example <c>payment.gateway.timeout</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Timeout(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Timeout, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.Forbidden"/> error: the caller is not allowed to do this.</summary>
    /// <param name="code">The stable, dotted code, for example <c>document.read.forbidden</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Forbidden(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Forbidden, code, message, details, exception: null);

    /// <summary>Creates a <see cref="ErrorKind.Cancelled"/> error: the operation was cancelled before it finished.</summary>
    /// <param name="code">The stable, dotted code, for example <c>import.cancelled</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Cancelled(string code, string message, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Cancelled, code, message, details, exception: null);

    /// <summary>Creates an <see cref="ErrorKind.Unexpected"/> error: a bug, an unhandled exception or a broken invariant.</summary>
    /// <param name="code">The stable, dotted code, for example <c>module.start.exception</c>.</param>
    /// <param name="message">The human-readable explanation.</param>
    /// <param name="exception">The exception that caused the failure, if any; kept in memory but not serialised.</param>
    /// <param name="details">Extra facts; copied, so later changes to the dictionary do not show.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="message"/> is null, empty or white space.</exception>
    public static Error Unexpected(string code, string message, Exception? exception = null, IReadOnlyDictionary<string, string>? details = null) =>
        CreateCore(ErrorKind.Unexpected, code, message, details, exception);

    /// <summary>
    /// Creates an error for an exception that escaped: code <c>exception.unhandled</c>, the exception's message, its
    /// full type name under the <c>exceptionType</c> detail and the exception itself. The kind is
    /// <see cref="ErrorKind.Cancelled"/> for an <see cref="OperationCanceledException"/> (including
    /// <see cref="TaskCanceledException"/>) and <see cref="ErrorKind.Unexpected"/> for anything else.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The new error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static Error FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        var type = exception.GetType();
        var typeName = type.FullName ?? type.Name;
        var message = string.IsNullOrWhiteSpace(exception.Message)
            ? "An exception of type " + typeName + " was thrown."
            : exception.Message;
        var kind = exception is OperationCanceledException ? ErrorKind.Cancelled : ErrorKind.Unexpected;
        var details = new Dictionary<string, string>(1, StringComparer.Ordinal) { [ExceptionTypeDetailKey] = typeName };

        return new Error(kind, UnhandledExceptionCode, message, new ReadOnlyDictionary<string, string>(details), exception);
    }

    /// <summary>Returns a copy of this error with one more detail, or with the detail replaced if the key exists. This error is not changed.</summary>
    /// <param name="key">The detail's key.</param>
    /// <param name="value">The detail's value.</param>
    /// <returns>The new error, with the same kind, code, message and exception.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty, or <paramref name="value"/> is null.</exception>
    public Error WithDetail(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);

        var details = new Dictionary<string, string>(Details.Count + 1, StringComparer.Ordinal);
        foreach (var pair in Details)
        {
            details[pair.Key] = pair.Value;
        }

        details[key] = value;
        return new Error(Kind, Code, Message, new ReadOnlyDictionary<string, string>(details), Exception);
    }

    /// <summary>Returns the error as <c>Kind code: message</c>, followed by <c>{key=value, ...}</c> when there are details.</summary>
    /// <returns>For example <c>NotFound user.missing: User 42 was not found {userId=42}</c>.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder(ErrorKindNames.ToName(Kind))
            .Append(' ').Append(Code).Append(": ").Append(Message);

        if (Details.Count > 0)
        {
            builder.Append(" {");
            var first = true;
            foreach (var pair in Details)
            {
                if (!first)
                {
                    builder.Append(", ");
                }

                builder.Append(pair.Key).Append('=').Append(pair.Value);
                first = false;
            }

            builder.Append('}');
        }

        return builder.ToString();
    }

    /// <summary>Validates the arguments, copies the details and creates the error.</summary>
    internal static Error CreateCore(ErrorKind kind, string code, string message, IReadOnlyDictionary<string, string>? details, Exception? exception)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);

        return new Error(kind, code, message, CopyDetails(details), exception);
    }

    private static ReadOnlyDictionary<string, string> CopyDetails(IReadOnlyDictionary<string, string>? details)
    {
        if (details is null || details.Count == 0)
        {
            return ReadOnlyDictionary<string, string>.Empty;
        }

        var copy = new Dictionary<string, string>(details.Count, StringComparer.Ordinal);
        foreach (var pair in details)
        {
            if (pair.Value is null)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "The value of detail '{0}' is null; details must have non-null string values.", pair.Key),
                    nameof(details));
            }

            copy[pair.Key] = pair.Value;
        }

        return new ReadOnlyDictionary<string, string>(copy);
    }
}
