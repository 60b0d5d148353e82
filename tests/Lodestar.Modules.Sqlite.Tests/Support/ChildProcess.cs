using System.Diagnostics;
using System.Reflection;

namespace Lodestar.Modules.Sqlite.Tests.Support;

/// <summary>Starts tests/Lodestar.Modules.Sqlite.ChildProcess with <c>dotnet &lt;dll&gt;</c>, with redirected standard streams.</summary>
public static class ChildProcess
{
    public static string DllPath
    {
        get
        {
            var path = typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(attribute => attribute.Key == "ChildProcessPath").Value!;
            Assert.True(File.Exists(path), $"The child process was not built at '{path}'. Build tests/Lodestar.Modules.Sqlite.Tests, which builds it first.");
            return Path.GetFullPath(path);
        }
    }

    public static Process Start(string command, string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(dataDirectory);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
    }
}
