namespace Lodestar.Modules.Sqlite;

/// <summary>How a table stores the timestamps a retention purge compares, so the comparison can use the column's index.</summary>
public enum SqliteTimestampFormat
{
    /// <summary>
    /// ISO-8601 text of a UTC time, as <c>value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)</c>
    /// writes it (e.g. <c>2026-01-31T12:00:00.0000000+00:00</c>; a <c>Z</c> suffix works too). Compared as
    /// text, so every row must use this format. Note that Microsoft.Data.Sqlite writes a
    /// <see cref="DateTimeOffset"/> parameter in a different format: format the value yourself, or
    /// use <see cref="UnixMilliseconds"/>.
    /// </summary>
    Iso8601Text = 0,

    /// <summary>An integer: milliseconds since 1970-01-01T00:00:00Z.</summary>
    UnixMilliseconds = 1,

    /// <summary>An integer: seconds since 1970-01-01T00:00:00Z.</summary>
    UnixSeconds = 2,
}
