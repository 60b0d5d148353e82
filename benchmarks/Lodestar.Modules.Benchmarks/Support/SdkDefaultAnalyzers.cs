using System.Xml.Linq;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// The analyzers, source generators and analyzer config files that <c>dotnet build</c> passes to
/// <c>csc</c> for a class library of the SDK's newest target framework (<c>net10.0</c> for SDK 10.0.x)
/// that sets nothing about analysis: the .NET analyzers and the <c>analysislevel_{n}_default.globalconfig</c>
/// of the SDK, the interop, JSON and regex generators of the targeting pack, and the
/// <c>GeneratedMSBuildEditorConfig</c> file the SDK writes for each project. Found in the installed
/// SDK that <see cref="SdkCompiler"/> located, so nothing depends on the machine's paths.
/// </summary>
/// <remarks>
/// Not included: the generators that come with NuGet packages. A project referencing the
/// Lodestar.Modules package also gets those of <c>Microsoft.Extensions.Logging.Abstractions</c> and
/// <c>Microsoft.Extensions.Options</c> (its dependencies); they would lengthen both compiles, so leaving
/// them out keeps the ratio on the conservative side.
/// </remarks>
internal sealed class SdkDefaultAnalyzers
{
    private SdkDefaultAnalyzers(IReadOnlyList<string> arguments)
    {
        Arguments = arguments;
    }

    /// <summary>
    /// Gets the simple names of analyzer assemblies that <c>csc -reportanalyzer</c> lists whenever these
    /// defaults are loaded (the shared <c>Microsoft.Interop.SourceGeneration</c> library declares none).
    /// </summary>
    public static IReadOnlyList<string> ReportedAssemblies { get; } =
    [
        "Microsoft.CodeAnalysis.CSharp.NetAnalyzers",
        "Microsoft.CodeAnalysis.NetAnalyzers",
        "Microsoft.Interop.LibraryImportGenerator",
        "System.Text.Json.SourceGeneration",
        "System.Text.RegularExpressions.Generator",
    ];

    /// <summary>Gets the <c>-analyzerconfig:</c> and <c>-analyzer:</c> arguments, quoted for a response file, in the order <c>dotnet build</c> passes them.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>
    /// Locates the defaults of <paramref name="compiler"/>'s SDK and writes the project's generated
    /// editor config into <paramref name="projectDirectory"/>; throws when any file is missing.
    /// </summary>
    public static SdkDefaultAnalyzers Locate(SdkCompiler compiler, string projectDirectory, string rootNamespace)
    {
        // The targeting pack the SDK compiles its newest framework against, and that framework's major version.
        var bundledVersions = Path.Combine(compiler.SdkDirectory, "Microsoft.NETCoreSdk.BundledVersions.props");
        var packVersion = File.Exists(bundledVersions)
            ? XDocument.Load(bundledVersions).Descendants().FirstOrDefault(e => e.Name.LocalName == "BundledNETCoreAppPackageVersion")?.Value
            : null;
        if (packVersion is null || !Version.TryParse(packVersion.Split('-')[0], out var version))
        {
            throw new InvalidOperationException($"SDK {compiler.SdkVersion}: no BundledNETCoreAppPackageVersion in '{bundledVersions}'.");
        }

        var analyzers = Path.Combine(compiler.SdkDirectory, "Sdks", "Microsoft.NET.Sdk", "analyzers");
        var packAnalyzers = Path.Combine(compiler.DotnetRoot, "packs", "Microsoft.NETCore.App.Ref", packVersion, "analyzers", "dotnet", "cs");
        var generators = Directory.Exists(packAnalyzers) ? Directory.GetFiles(packAnalyzers, "*.dll") : [];
        Array.Sort(generators, StringComparer.Ordinal);
        var editorConfig = Path.Combine(projectDirectory, rootNamespace + ".GeneratedMSBuildEditorConfig.editorconfig");
        File.WriteAllText(editorConfig, GeneratedEditorConfig(version.Major, projectDirectory, rootNamespace));

        string[] files =
        [
            Path.Combine(analyzers, "build", "config", $"analysislevel_{version.Major}_default.globalconfig"),
            Path.Combine(analyzers, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll"),
            Path.Combine(analyzers, "Microsoft.CodeAnalysis.NetAnalyzers.dll"),
        ];
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"SDK {compiler.SdkVersion} has no '{file}', which dotnet build passes to csc.");
            }
        }

        foreach (var name in ReportedAssemblies.Skip(2))
        {
            if (!generators.Any(path => Path.GetFileNameWithoutExtension(path) == name))
            {
                throw new InvalidOperationException($"The targeting pack '{packAnalyzers}' has no {name}.dll.");
            }
        }

        return new SdkDefaultAnalyzers(
        [
            "-analyzerconfig:\"" + editorConfig + "\"",
            "-analyzerconfig:\"" + files[0] + "\"",
            "-analyzer:\"" + files[1] + "\"",
            "-analyzer:\"" + files[2] + "\"",
            .. generators.Select(path => "-analyzer:\"" + path + "\""),
        ]);
    }

    /// <summary>
    /// The global editor config <c>GenerateMSBuildEditorConfigFile</c> writes for a plain class library:
    /// the properties the SDK's analyzers and generators read, with the values such a project has.
    /// </summary>
    private static string GeneratedEditorConfig(int major, string projectDirectory, string rootNamespace) =>
        string.Join('\n',
            "is_global = true",
            $"build_property.TargetFramework = net{major}.0",
            "build_property.TargetFrameworkIdentifier = .NETCoreApp",
            $"build_property.TargetFrameworkVersion = v{major}.0",
            "build_property.TargetPlatformMinVersion = ",
            "build_property.UsingMicrosoftNETSdkWeb = ",
            "build_property.ProjectTypeGuids = ",
            "build_property.InvariantGlobalization = ",
            "build_property.PlatformNeutralAssembly = ",
            "build_property.EnforceExtendedAnalyzerRules = ",
            "build_property.EntryPointFilePath = ",
            "build_property._SupportedPlatformList = Linux,macOS,Windows",
            "build_property.RootNamespace = " + rootNamespace,
            "build_property.ProjectDir = " + projectDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar,
            "build_property.EnableComHosting = ",
            "build_property.EnableGeneratedComInterfaceComImportInterop = ",
            $"build_property.EffectiveAnalysisLevelStyle = {major}.0",
            "build_property.EnableCodeStyleSeverity = ",
            string.Empty);
}
