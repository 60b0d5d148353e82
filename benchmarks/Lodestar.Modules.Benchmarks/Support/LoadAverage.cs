namespace Lodestar.Modules.Benchmarks;

/// <summary>The machine's load average, read from <c>/proc/loadavg</c> where it exists (Linux).</summary>
internal static class LoadAverage
{
    private const string Path = "/proc/loadavg";

    /// <summary>Gets the 1, 5 and 15 minute load averages as the kernel prints them, or <c>n/a</c> without <c>/proc/loadavg</c>.</summary>
    public static string Read() => ReadFields(3);

    /// <summary>Gets the 1 minute load average as the kernel prints it, or <c>n/a</c> without <c>/proc/loadavg</c>.</summary>
    public static string ReadOneMinute() => ReadFields(1);

    private static string ReadFields(int count)
    {
        try
        {
            return File.Exists(Path)
                ? string.Join(' ', File.ReadAllText(Path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(count))
                : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
