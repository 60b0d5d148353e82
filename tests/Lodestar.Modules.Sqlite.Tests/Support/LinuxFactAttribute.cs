namespace Lodestar.Modules.Sqlite.Tests.Support;

/// <summary>
/// A fact that runs on Linux only and is reported as skipped elsewhere: for tests that need what
/// Linux does without privileges (symbolic links) or how it opens and reads a directory.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Needs Linux.";
        }
    }
}
