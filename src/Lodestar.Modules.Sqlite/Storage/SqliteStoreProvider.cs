using System.Text.RegularExpressions;
using Lodestar.Results;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lodestar.Modules.Sqlite;

/// <summary>Creates one store per module id, on first request, and drains and closes them all when the container is disposed.</summary>
internal sealed partial class SqliteStoreProvider : ISqliteStoreProvider, IAsyncDisposable, IDisposable
{
    private readonly IOptions<SqliteStorageOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SqliteStore> _stores = new(StringComparer.Ordinal);

    /// <summary>The write gate of each database file, keyed by <see cref="SqliteDatabasePath.GateKey"/> so every spelling of a file finds the same gate.</summary>
    private readonly Dictionary<string, SemaphoreSlim> _writeGates = new(SqliteDatabasePath.Comparer);
    private bool _disposed;

    public SqliteStoreProvider(IOptions<SqliteStorageOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _options = options;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger("Lodestar.Modules.Sqlite");
    }

    public Result<ISqliteStore> GetStore(string moduleId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        if (!ModuleIdPattern().IsMatch(moduleId))
        {
            return SqliteErrors.ModuleIdInvalid(moduleId);
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_stores.TryGetValue(moduleId, out var existing))
            {
                return existing;
            }

            SqliteStorageOptions options;
            try
            {
                options = _options.Value;
            }
            catch (OptionsValidationException exception)
            {
                return SqliteErrors.OptionsInvalid(moduleId, string.Join(" ", exception.Failures));
            }

            var path = options.DataDirectory;
            try
            {
                var dataDirectory = Path.GetFullPath(options.DataDirectory, AppContext.BaseDirectory);
                path = options.DatabasePaths.TryGetValue(moduleId, out var custom) && !string.IsNullOrWhiteSpace(custom)
                    ? Path.GetFullPath(custom, dataDirectory)
                    : Path.Combine(dataDirectory, moduleId + SqliteDefaults.FileExtension);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return SqliteErrors.PathInvalid(moduleId, path, exception);
            }

            // Modules that share a file share its write gate, however their paths spell the file
            // (relative or absolute, '..', case, symbolic links): two gates for one file would let
            // two writers of this process meet in SQLite's lock and fail with SQLITE_BUSY.
            var gateKey = SqliteDatabasePath.GateKey(path);
            if (!_writeGates.TryGetValue(gateKey, out var writeGate))
            {
                writeGate = new SemaphoreSlim(1, 1);
                _writeGates.Add(gateKey, writeGate);
            }

            var store = new SqliteStore(moduleId, path, options.BusyTimeout, writeGate, _time, _logger);
            _stores.Add(moduleId, store);
            return store;
        }
    }

    public async ValueTask DisposeAsync()
    {
        SqliteStore[] stores;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            stores = [.. _stores.Values];
        }

        foreach (var store in stores)
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The module id rule of Lodestar.Modules, which also makes the id a safe file name.</summary>
    [GeneratedRegex("^[a-z][a-z0-9]*([.-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ModuleIdPattern();
}
