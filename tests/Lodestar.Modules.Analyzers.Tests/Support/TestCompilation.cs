using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lodestar.Modules.Analyzers.Tests.Support;

/// <summary>
/// Builds C# compilations in memory against the running runtime's own assemblies and the real
/// Lodestar.Modules assembly, as a module author's project would compile: no test package, no network.
/// </summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        concurrentBuild: false);

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    /// <summary>Gets the framework assemblies, Lodestar.Modules, Lodestar.Results and the Microsoft.Extensions assemblies they use.</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Create(string assemblyName, IEnumerable<string> sources, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"/src/File{i}.cs")),
            extraReferences is null ? References : References.AddRange(extraReferences),
            Options);

    public static CSharpCompilation Create(params string[] sources) => Create("TestModules", sources);

    /// <summary>Compiles <paramref name="sources"/> into an in-memory assembly and returns a reference to it, failing on any compiler error.</summary>
    public static MetadataReference EmitReference(string assemblyName, params string[] sources)
    {
        var compilation = Create(assemblyName, sources);
        return MetadataReference.CreateFromImage(Emit(compilation));
    }

    public static ImmutableArray<byte> Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, "The compilation failed:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return [.. stream.ToArray()];
    }

    /// <summary>Fails when <paramref name="compilation"/> has a compiler error: a test's source must be valid unless the test is about broken code.</summary>
    public static void AssertNoCompilerErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator))
        {
            if (string.Equals(Path.GetDirectoryName(path), runtimeDirectory, StringComparison.Ordinal))
            {
                paths.Add(path);
            }
        }

        var sdk = typeof(LodestarModule).Assembly;
        paths.Add(sdk.Location);
        foreach (var name in sdk.GetReferencedAssemblies())
        {
            var location = Assembly.Load(name).Location;
            if (location.Length > 0)
            {
                paths.Add(location);
            }
        }

        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
