namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Turns a database path into the key of its write gate, so every spelling of one file (relative or
/// absolute, with <c>..</c> or a trailing separator, another case where the file system ignores case,
/// through a symbolic link) gets the same gate and writes in this process take turns instead of
/// meeting in SQLite's lock as <c>SQLITE_BUSY</c>.
/// </summary>
internal static class SqliteDatabasePath
{
    /// <summary>More links than this in one path (Linux's own limit) are taken as a loop, and the rest of the path is left as spelled.</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// Gets the comparer for gate keys: ignoring case on Windows and macOS, whose usual file systems
    /// (NTFS, APFS) ignore it, and ordinal elsewhere. On a case-sensitive volume of those systems two
    /// files that differ only in case then share a gate: their writes take turns needlessly, which is
    /// safe, while two gates for one file are not.
    /// </summary>
    public static StringComparer Comparer { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    /// <summary>
    /// Gets the key of the file <paramref name="dataSource"/> names: its full path without a trailing
    /// separator, with every symbolic link in it resolved to its final target (the file's own link,
    /// or, while the file does not exist yet, those of the directories above it). A data source that
    /// is not a file path (empty, <c>:memory:</c> or a <c>file:</c> URI such as a shared-cache
    /// in-memory database) is its own key, as before.
    /// </summary>
    /// <param name="dataSource">The data source of the store's connections, normally a full path.</param>
    /// <returns>The key to look the write gate up by, compared with <see cref="Comparer"/>.</returns>
    public static string GateKey(string dataSource)
    {
        if (!IsFilePath(dataSource))
        {
            return dataSource;
        }

        string fullPath;
        try
        {
            fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataSource));
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // Opening it fails the same way and reports it; the spelling keys the gate meanwhile.
            return dataSource;
        }

        var linksLeft = MaxLinks;
        return ResolveLinks(fullPath, ref linksLeft);
    }

    /// <summary>Whether SQLite takes the data source for a file name rather than an in-memory database or a URI.</summary>
    private static bool IsFilePath(string dataSource) =>
        dataSource.Length > 0
        && !string.Equals(dataSource, ":memory:", StringComparison.Ordinal)
        && !dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Resolves the links of a full path one component at a time, from the root down, like
    /// <c>realpath</c>: <see cref="FileSystemInfo.ResolveLinkTarget(bool)"/> resolves only the last
    /// component, but a store's file usually sits in a linked directory and does not exist yet.
    /// Components that do not exist are kept as spelled. Runs once per store, never per write.
    /// </summary>
    /// <param name="fullPath">The path, full.</param>
    /// <param name="linksLeft">How many more links this resolution may follow, shared by all of it (as the system counts them), so a loop ends.</param>
    private static string ResolveLinks(string fullPath, ref int linksLeft)
    {
        var parent = Path.GetDirectoryName(fullPath);
        if (parent is null)
        {
            return fullPath; // a root
        }

        var path = Path.Join(ResolveLinks(parent, ref linksLeft), Path.GetFileName(fullPath));
        if (linksLeft <= 0)
        {
            return path;
        }

        FileSystemInfo? target;
        try
        {
            // A directory link needs DirectoryInfo on Windows; LinkTarget is null for anything but a link.
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);

            // One link at a time, not its final target: the system reads a link's target against the
            // real directory the link is in, while a final target is the chain's texts joined and
            // then normalised, so a '..' after a linked directory in it would leave the wrong one.
            target = info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A directory this process may not read: keep the spelling, as before.
            return path;
        }

        if (target is null)
        {
            return path;
        }

        // The target may itself be a link, or lie below linked directories.
        linksLeft--;
        return ResolveLinks(Path.TrimEndingDirectorySeparator(target.FullName), ref linksLeft);
    }
}
