using Lodestar.Modules.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers.Tests;

/// <summary>
/// Half-typed and broken code, as the IDE sees it between two keystrokes: the analyzers must not
/// throw (no AD0001), the generator must not throw, and generated code must add no error of its own.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string> Corpus => new()
    {
        { "missing closing brace", """[Module("a", "1.0.0")] public sealed class A : LodestarModule {""" },
        { "missing class body", """[Module("a", "1.0.0")] public sealed class A : LodestarModule""" },
        { "unterminated attribute", """[Module("a", """ },
        { "attribute only", """[Module(""" },
        { "missing class name", """[Module("a", "1.0.0")] public sealed class : LodestarModule { }""" },
        { "missing base type", """[Module("a", "1.0.0")] public sealed class A : { }""" },
        { "unknown base type", """[Module("a", "1.0.0")] public sealed class A : UnknownModuleBase { }""" },
        { "no arguments", """[Module] public sealed class A : LodestarModule { }""" },
        { "one argument", """[Module("a")] public sealed class A : LodestarModule { }""" },
        { "three arguments", """[Module("a", "1.0.0", "extra")] public sealed class A : LodestarModule { }""" },
        { "wrong argument types", """[Module(1, 2.5, Description = 3)] public sealed class A : LodestarModule { }""" },
        { "non-constant arguments", """[Module(A.Id, A.Version)] public sealed class A : LodestarModule { public static string Id = "a"; public static string Version => "1.0.0"; }""" },
        { "non-constant description", """[Module("a", "1.0.0", Description = A.Text)] public sealed class A : LodestarModule { public static readonly string Text = "x"; }""" },
        { "unknown named argument", """[Module("a", "1.0.0", Summary = "x")] public sealed class A : LodestarModule { }""" },
        { "dangling concatenation", """[Module("a" + , "1.0.0")] public sealed class A : LodestarModule { }""" },
        { "null everywhere", """[Module(null, null, Description = null)] [DependsOn(null)] [Capability(null, Requires = null)] public sealed class A : LodestarModule { }""" },
        { "bad dependency arguments", """[Module("a", "1.0.0")] [DependsOn()] [DependsOn("b", Optional = "yes")] [DependsOn(42)] public sealed class A : LodestarModule { }""" },
        { "bad capability arguments", """[Module("a", "1.0.0")] [Capability("c", Requires = "b")] [Capability("d", Requires = new[] { A.Id })] [Capability("e", Requires = [null, 1])] public sealed class A : LodestarModule { public static string Id = "b"; }""" },
        { "bad timeouts", """[Module("a", "1.0.0")] [HealthCheck(IntervalSeconds = "x", TimeoutSeconds = 1.5)] [Shutdown(GracefulSeconds = int.MaxValue, ForceSeconds = int.MinValue)] public sealed class A : LodestarModule { }""" },
        { "duplicate attributes", """[Module("a", "1.0.0")] [Module("b", "2.0.0")] [HealthCheck] [HealthCheck(IntervalSeconds = 1)] public sealed class A : LodestarModule { }""" },
        { "partial class across parts", """[Module("a", "1.0.0")] public sealed partial class A : LodestarModule { } [Module("b", "1.0.0")] [DependsOn("a")] public sealed partial class A { }""" },
        { "partial class with conflicting bases", """[Module("a", "1.0.0")] public partial class A : LodestarModule { } public partial class A : System.Exception { }""" },
        { "nested in generic", """public class Outer<T> { [Module("a", "1.0.0")] public sealed class Inner : LodestarModule { [Module("b", "1.0.0")] private sealed class Deeper : LodestarModule { } } }""" },
        { "generic module", """[Module("g", "1.0.0")] public sealed class G<T> : LodestarModule where T : new() { }""" },
        { "module on struct, interface and method", """[Module("s", "1.0.0")] public struct S { } [Module("i", "1.0.0")] public interface I { } public sealed class C { [Module("m", "1.0.0")] public void M() { } }""" },
        { "static class and record", """[Module("s", "1.0.0")] public static class S : LodestarModule { } [Module("r", "1.0.0")] public sealed record R : LodestarModule;""" },
        { "cyclic inheritance", """[Module("a", "1.0.0")] public class A : B { } [Module("b", "1.0.0")] public class B : A { }""" },
        { "file-local module", """[Module("f", "1.0.0", Description = "File local")] file sealed class F : LodestarModule { }""" },
        { "odd strings", "[Module(\"m\\u00f3dulo\\n\", \"1.0.0\\u0000\", Description = \"line\\nbreak \\\"quoted\\\" </summary>\")] public sealed class A : LodestarModule { }" },
        { "very long id", $$"""[Module("{{new string('a', 5000)}}", "1.0.0")] public sealed class A : LodestarModule { }""" },
        { "coupling in broken code", """[Module("a", "1.0.0")] public sealed class A : LodestarModule { B b = new B(; void M() { typeof(B). } } [Module("b", "1.0.0")] public sealed class B : LodestarModule { }""" },
        { "required member", """[Module("a", "1.0.0")] public sealed class A : LodestarModule { public required string Name { get; init; } }""" },
        { "cycle with broken ids", """[Module("a", "1.0.0")] [DependsOn("B")] [DependsOn("b")] public sealed class A : LodestarModule { } [Module("b", "1.0.0")] [DependsOn("a")] [DependsOn("")] public sealed class B : LodestarModule { }""" },
        { "empty file", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task AnalyzersAndGenerator_BrokenCode_NeverThrow(string name, string body)
    {
        var source = "using Lodestar.Modules;\n" + body;
        var compilation = TestCompilation.Create("Broken", [source]);

        await AnalyzerRunner.RunAsync(compilation);
        var (_, output, _) = GeneratorRunner.Run(compilation);

        var generatedErrors = output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(generatedErrors.Count == 0, $"{name}: the generated code has errors:\n{string.Join("\n", generatedErrors)}");
    }

    [Fact]
    public async Task Analyzers_EveryPrefixOfAModuleFile_NeverThrow()
    {
        // Every length of a real module file, cut at each token boundary: what the IDE analyses while it is typed.
        const string File = """
            using Lodestar.Modules;

            [Module("usage-tracker", "1.2.0", Description = "Records usage")]
            [DependsOn("storage")]
            [Capability("cost-report", Requires = ["storage"])]
            [HealthCheck(IntervalSeconds = 30, TimeoutSeconds = 5)]
            public sealed class UsageTrackerModule : LodestarModule
            {
                private readonly StorageModule _storage = new();
            }

            [Module("storage", "1.0.0", Description = "Stores")]
            public sealed class StorageModule : LodestarModule { }
            """;
        var tokens = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File).GetRoot().DescendantTokens().Select(t => t.Span.End).Distinct().ToList();

        foreach (var end in tokens)
        {
            var compilation = TestCompilation.Create("Typing", [File[..end]]);
            await AnalyzerRunner.RunAsync(compilation);
            GeneratorRunner.Run(compilation);
        }
    }
}
