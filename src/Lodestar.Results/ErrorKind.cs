namespace Lodestar.Results;

/// <summary>
/// What kind of failure an <see cref="Error"/> describes. Callers branch on the kind (for example to pick an
/// HTTP status or decide whether to retry) and on <see cref="Error.Code"/> for the precise reason.
/// </summary>
public enum ErrorKind
{
    /// <summary>
    /// Something went wrong that the code did not plan for: a bug, an unhandled exception or a broken invariant.
    /// This is the value of <c>default(ErrorKind)</c>.
    /// </summary>
    Unexpected = 0,

    /// <summary>The input was rejected: a value is missing, malformed or out of range. Retrying the same input fails again.</summary>
    Validation,

    /// <summary>The thing asked for does not exist.</summary>
    NotFound,

    /// <summary>The request clashes with the current state, for example a duplicate, a stale version or an illegal state change.</summary>
    Conflict,

    /// <summary>A dependency or resource is unavailable right now (busy, offline, not started). Retrying later may succeed.</summary>
    Unavailable,

    /// <summary>The operation did not finish within its time limit.</summary>
    Timeout,

    /// <summary>The caller is not allowed to do this.</summary>
    Forbidden,

    /// <summary>The operation was cancelled before it finished, usually through a <see cref="System.Threading.CancellationToken"/>.</summary>
    Cancelled,
}
