using System.Runtime.CompilerServices;
using Xunit;

namespace Lodestar.TestSupport;

/// <summary>
/// Compares text with an approved <c>&lt;name&gt;.verified.txt</c> file beside the test source. On a
/// mismatch it writes <c>&lt;name&gt;.received.txt</c> next to it and fails, so approving a change is
/// renaming one file. Kept shaped like Verify.Xunit so moving to it later is mechanical.
/// </summary>
public static class Snapshot
{
    /// <summary>Asserts that <paramref name="actual"/> equals the verified file named <paramref name="name"/>.</summary>
    /// <param name="actual">The text produced by the test.</param>
    /// <param name="name">The snapshot name, e.g. <c>PublicApi.Lodestar.Modules</c>.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling test's source file.</param>
    public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var verified = Path.Combine(directory, name + ".verified.txt");
        var received = Path.Combine(directory, name + ".received.txt");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (string.Equals(expected, normalized, StringComparison.Ordinal))
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        File.WriteAllText(received, normalized);
        Assert.Fail(expected is null
            ? $"No verified snapshot '{verified}'. Review '{received}' and rename it to .verified.txt to approve it."
            : $"Snapshot '{name}' differs from '{verified}'. Review '{received}'; rename it to .verified.txt to approve the change.");
    }
}
