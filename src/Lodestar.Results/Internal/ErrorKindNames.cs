namespace Lodestar.Results;

/// <summary>Maps <see cref="ErrorKind"/> to and from its name without reflection, for text and JSON.</summary>
internal static class ErrorKindNames
{
    /// <summary>Returns the member name of <paramref name="kind"/>, or its number for a value outside the enum.</summary>
    public static string ToName(ErrorKind kind) => kind switch
    {
        ErrorKind.Unexpected => nameof(ErrorKind.Unexpected),
        ErrorKind.Validation => nameof(ErrorKind.Validation),
        ErrorKind.NotFound => nameof(ErrorKind.NotFound),
        ErrorKind.Conflict => nameof(ErrorKind.Conflict),
        ErrorKind.Unavailable => nameof(ErrorKind.Unavailable),
        ErrorKind.Timeout => nameof(ErrorKind.Timeout),
        ErrorKind.Forbidden => nameof(ErrorKind.Forbidden),
        ErrorKind.Cancelled => nameof(ErrorKind.Cancelled),
        _ => ((int)kind).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Parses a member name of <see cref="ErrorKind"/>, ignoring case. Numbers are not accepted.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out ErrorKind kind)
    {
        for (var candidate = ErrorKind.Unexpected; candidate <= ErrorKind.Cancelled; candidate++)
        {
            if (name.Equals(ToName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = ErrorKind.Unexpected;
        return false;
    }
}
