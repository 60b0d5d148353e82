using Lodestar.Modules.Analyzers;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// A temporary directory holding the 500 modules of <see cref="BenchmarkModules"/> as source files,
/// the response file that compiles them (<see cref="ModulesResponseFile"/>) and the one that adds the
/// SDK's defaults (<see cref="SdkDefaultsResponseFile"/>), with a compiler server of its own
/// (<see cref="SdkCompiler"/>) to compile them in any <see cref="CscVariant"/>. The setup shared by
/// <see cref="CscAnalyzerCostBenchmark"/> and <see cref="PairedAnalyzerCostCheck"/>.
/// </summary>
internal sealed class CscModulesWorkspace : IDisposable
{
    /// <summary>The response file with the options, references and sources of the compilation.</summary>
    public const string ModulesResponseFile = "compile.rsp";

    /// <summary>The response file with the SDK's default analyzers, generators and analyzer config files.</summary>
    public const string SdkDefaultsResponseFile = "sdk-defaults.rsp";

    private readonly string _directory;
    private readonly SdkCompiler _compiler;

    private CscModulesWorkspace(string directory, SdkCompiler compiler)
    {
        _directory = directory;
        _compiler = compiler;
    }

    /// <summary>Gets the version of the SDK whose <c>csc</c> compiles.</summary>
    public string SdkVersion => _compiler.SdkVersion;

    /// <summary>
    /// Writes the sources and response files into a new temporary directory, locates the SDK's
    /// compiler with a server on <paramref name="pipeName"/>, and checks every <see cref="CscVariant"/>
    /// once (which starts the server). On failure, stops the server and deletes the directory before
    /// throwing.
    /// </summary>
    public static CscModulesWorkspace Create(string pipeName)
    {
        var directory = Directory.CreateTempSubdirectory("lodestar-csc-").FullName;
        var compiler = SdkCompiler.Locate(pipeName);
        var workspace = new CscModulesWorkspace(directory, compiler);
        try
        {
            workspace.WriteFiles();

            // Fail fast: every variant compiles without a word, and /reportanalyzer proves which of
            // our analyzers and generator, and of the SDK's defaults, really ran (an analyzer that
            // fails to load is only a warning).
            foreach (var variant in CscVariant.All)
            {
                workspace.Verify(variant);
            }

            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>Compiles through the server in <paramref name="variant"/>; returns <c>csc</c>'s exit code and everything it printed.</summary>
    public (int ExitCode, string Output) Compile(CscVariant variant) => _compiler.Compile(_directory, variant.Arguments);

    /// <summary>Stops the compiler server, so it does not compete with what runs next for the CPU, and deletes the directory.</summary>
    public void Dispose()
    {
        _compiler.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void WriteFiles()
    {
        var arguments = new List<string>
        {
            "-target:library",
            "-nostdlib+",
            "-langversion:latest",
            "-nullable:enable",
            "-deterministic+",
            "-debug+",
            "-debug:portable",
            "-optimize-",
            "-out:" + Path.Combine(_directory, BenchmarkModules.AssemblyName + ".dll"),
        };
        foreach (var reference in BenchmarkModules.ReferencePaths())
        {
            arguments.Add("-reference:\"" + reference + "\"");
        }

        for (var i = 0; i < BenchmarkModules.Count; i++)
        {
            var path = Path.Combine(_directory, BenchmarkModules.FileName(i));
            File.WriteAllText(path, BenchmarkModules.Source(i));
            arguments.Add("\"" + path + "\"");
        }

        File.WriteAllLines(Path.Combine(_directory, ModulesResponseFile), arguments);
        File.WriteAllLines(
            Path.Combine(_directory, SdkDefaultsResponseFile),
            SdkDefaultAnalyzers.Locate(_compiler, _directory, BenchmarkModules.AssemblyName).Arguments);
    }

    private void Verify(CscVariant variant)
    {
        var (exitCode, output) = _compiler.Compile(_directory, [.. variant.Arguments, "-reportanalyzer"]);
        var ranGenerator = output.Contains(nameof(ModuleManifestGenerator), StringComparison.Ordinal);
        var ranAnalyzers = output.Contains(nameof(ModuleDeclarationAnalyzer), StringComparison.Ordinal)
            && output.Contains(nameof(ModuleCouplingAnalyzer), StringComparison.Ordinal);
        var sdkAssemblies = SdkDefaultAnalyzers.ReportedAssemblies.Count(name => output.Contains(name + ", Version=", StringComparison.Ordinal));
        if (exitCode != 0
            || output.Contains("warning", StringComparison.OrdinalIgnoreCase)
            || output.Contains("error", StringComparison.OrdinalIgnoreCase)
            || ranGenerator != variant.RunsGenerator
            || ranAnalyzers != variant.RunsAnalyzers
            || sdkAssemblies != (variant.UsesSdkDefaults ? SdkDefaultAnalyzers.ReportedAssemblies.Count : 0))
        {
            throw new InvalidOperationException(
                $"csc {string.Join(' ', variant.Arguments)} (variant '{variant.Name}', SDK {_compiler.SdkVersion}) did not compile cleanly with "
                + $"generator={variant.RunsGenerator}, analyzers={variant.RunsAnalyzers}, SDK defaults={variant.UsesSdkDefaults}; exit code {exitCode}: {output}");
        }
    }
}
