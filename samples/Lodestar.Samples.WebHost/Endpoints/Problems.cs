using Lodestar.Results;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>Turns <see cref="Error"/>s into RFC 7807 problem details that carry the error's code and kind.</summary>
public static class Problems
{
    /// <summary>Gets the HTTP status for an error kind.</summary>
    /// <param name="kind">The error kind.</param>
    /// <returns>403 for Forbidden, 404 for NotFound, 409 for Conflict, 400 for Validation, 503 for Unavailable, 504 for Timeout, 499 for Cancelled, 500 otherwise.</returns>
    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        ErrorKind.Cancelled => StatusCodes.Status499ClientClosedRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Makes the problem response of an error: the title is its kind, the detail its message, and <c>code</c>, <c>kind</c> and <c>details</c> are extensions.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static IResult From(Error error) =>
        TypedResults.Problem(
            detail: error.Message,
            statusCode: StatusFor(error.Kind),
            title: error.Kind.ToString(),
            extensions: new Dictionary<string, object?>
            {
                ["code"] = error.Code,
                ["kind"] = error.Kind.ToString(),
                ["details"] = error.Details,
            });

    /// <summary>Writes a problem response from middleware, outside an endpoint.</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The error code.</param>
    /// <param name="detail">What went wrong and how to fix it.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static Task Write(HttpContext context, int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code })
            .ExecuteAsync(context);
}
