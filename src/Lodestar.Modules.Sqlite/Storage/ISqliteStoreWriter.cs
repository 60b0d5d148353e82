namespace Lodestar.Modules.Sqlite;

/// <summary>What a store needs from its batch writers: their figures for health, and draining them when it is disposed.</summary>
internal interface ISqliteStoreWriter : IAsyncDisposable
{
    string Table { get; }

    SqliteBatchWriterStatistics Statistics { get; }
}
