using Lodestar.Results;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>An error as the API shows it.</summary>
/// <param name="Code">The dotted code, e.g. <c>module.start.timeout</c>.</param>
/// <param name="Kind">The kind, e.g. <c>Timeout</c>.</param>
/// <param name="Message">What went wrong and how to fix it.</param>
public sealed record ErrorView(string Code, string Kind, string Message)
{
    /// <summary>Makes the view of an error.</summary>
    /// <param name="error">The error, or <see langword="null"/>.</param>
    /// <returns>The view, or <see langword="null"/>.</returns>
    public static ErrorView? Of(Error? error) => error is null ? null : new(error.Code, error.Kind.ToString(), error.Message);
}
