using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// The C# compiler (<c>csc.dll</c>) of the .NET SDK that <c>dotnet build</c> would use from this
/// process's directory, run through a compiler server (<c>VBCSCompiler</c>) of its own: the same
/// server <c>dotnet build</c> compiles through, under a pipe name no other build shares. Found
/// relative to the running <c>dotnet</c>, so nothing depends on the machine's paths.
/// </summary>
internal sealed class SdkCompiler : IDisposable
{
    private readonly string _dotnet;
    private readonly string _bincore;
    private readonly string _pipeName;

    private SdkCompiler(string dotnet, string bincore, string pipeName)
    {
        _dotnet = dotnet;
        _bincore = bincore;
        _pipeName = pipeName;
    }

    /// <summary>Gets the SDK version the compiler belongs to.</summary>
    public string SdkVersion => Path.GetFileName(SdkDirectory);

    /// <summary>Gets the SDK's directory, <c>{root}/sdk/{version}</c>.</summary>
    public string SdkDirectory => Path.GetDirectoryName(Path.GetDirectoryName(_bincore))!;

    /// <summary>Gets the directory the <c>dotnet</c> host is in, which holds <c>sdk/</c> and <c>packs/</c>.</summary>
    public string DotnetRoot => Path.GetDirectoryName(_dotnet)!;

    /// <summary>
    /// Finds the <c>dotnet</c> host next to the running runtime (<c>{root}/shared/Microsoft.NETCore.App/{version}/</c>)
    /// and the SDK that <c>dotnet --version</c> selects from this process's directory (global.json applies).
    /// </summary>
    public static SdkCompiler Locate(string pipeName)
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        if (!File.Exists(dotnet))
        {
            throw new InvalidOperationException($"No dotnet host at '{dotnet}', next to the running runtime.");
        }

        var (exitCode, output) = Run(dotnet, AppContext.BaseDirectory, ["--version"]);
        var version = output.Trim();
        var bincore = Path.Combine(root, "sdk", version, "Roslyn", "bincore");
        if (exitCode != 0 || !File.Exists(Path.Combine(bincore, "csc.dll")) || !File.Exists(Path.Combine(bincore, "VBCSCompiler.dll")))
        {
            throw new InvalidOperationException($"'dotnet --version' printed '{version}' (exit code {exitCode}), and that SDK has no Roslyn/bincore/csc.dll.");
        }

        return new SdkCompiler(dotnet, bincore, pipeName);
    }

    /// <summary>Runs <c>csc</c> through the compiler server with <paramref name="arguments"/>; returns its exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Compile(string workingDirectory, IEnumerable<string> arguments) =>
        Run(_dotnet, workingDirectory, [Path.Combine(_bincore, "csc.dll"), "-nologo", "-shared:" + _pipeName, .. arguments]);

    /// <summary>Stops this benchmark's compiler server, so it does not compete with the next benchmark for the CPU.</summary>
    public void Dispose() =>
        Run(_dotnet, AppContext.BaseDirectory, [Path.Combine(_bincore, "VBCSCompiler.dll"), "-shutdown", "-pipename:" + _pipeName]);

    private static (int ExitCode, string Output) Run(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }
}
