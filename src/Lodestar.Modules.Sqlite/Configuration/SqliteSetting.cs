namespace Lodestar.Modules.Sqlite;

/// <summary>One row of a settings table.</summary>
internal readonly record struct SqliteSetting(string ModuleId, string Key, string? Value);
