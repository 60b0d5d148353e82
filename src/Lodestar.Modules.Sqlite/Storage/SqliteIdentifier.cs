using System.Buffers;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Table and column names that must be dynamic (batch writer, retention, settings table): checked
/// against a strict pattern and then quoted, so a name can never carry SQL.
/// </summary>
internal static class SqliteIdentifier
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    public static bool IsValid(string? identifier) =>
        !string.IsNullOrEmpty(identifier)
        && identifier.Length <= SqliteDefaults.MaxIdentifierLength
        && !char.IsAsciiDigit(identifier[0])
        && !identifier.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Returns the identifier in double quotes, or a validation error naming the module and the kind of name.</summary>
    public static Result<string> Quote(string moduleId, string kind, string? identifier) =>
        IsValid(identifier)
            ? "\"" + identifier + "\""
            : SqliteErrors.IdentifierInvalid(moduleId, kind, identifier ?? "(null)");
}
