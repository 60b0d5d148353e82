using Microsoft.Extensions.Options;

namespace Lodestar.Modules.Sqlite;

/// <summary>Validates <see cref="SqliteStorageOptions"/> with its DataAnnotations, source-generated so it is trimming- and AOT-safe.</summary>
[OptionsValidator]
internal sealed partial class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
}
