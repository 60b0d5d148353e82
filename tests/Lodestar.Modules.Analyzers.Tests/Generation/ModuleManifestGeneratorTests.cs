using Lodestar.Modules.Analyzers.Tests.Support;
using Lodestar.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lodestar.Modules.Analyzers.Tests.Generation;

public sealed class ModuleManifestGeneratorTests
{
    private const string Modules = """
        using System;
        using Lodestar.Modules;
        using Microsoft.Extensions.DependencyInjection;

        namespace Shop.Modules;

        [Module("usage-tracker", "1.2.0", Description = "Records model usage and cost")]
        [DependsOn("storage")]
        [DependsOn("pricing", Optional = true)]
        [Capability("cost-report", Requires = ["pricing"])]
        [Capability("history")]
        [HealthCheck(IntervalSeconds = 60, TimeoutSeconds = 10)]
        [Shutdown(GracefulSeconds = 20, ForceSeconds = 2)]
        public sealed class UsageTrackerModule : LodestarModule
        {
        }

        [Module("storage", "1.0.0", Description = "Stores \"things\" \\ safely")]
        internal sealed class StorageModule : LodestarModule
        {
        }

        [Module("pricing", "2.0.0-beta.1")]
        public sealed class PricingModule : LodestarModule
        {
            // No parameterless constructor: the manifest is generated, the registration method skips it.
            public PricingModule(decimal markup) => Markup = markup;

            public decimal Markup { get; }
        }

        public static class Features
        {
            [Module("features.flags", "1.0.0", Description = "Feature flags")]
            public sealed class FlagsModule : LodestarModule
            {
            }

            // Private: generated code cannot name it, so it keeps the reflection path.
            [Module("features.secret", "1.0.0", Description = "Hidden")]
            private sealed class SecretModule : LodestarModule
            {
            }
        }

        public abstract class NotAModuleBase : LodestarModule
        {
        }

        public sealed class HostHelper
        {
            public static string Name => nameof(HostHelper);
        }
        """;

    [Fact]
    public void Generate_AssemblyWithModules_MatchesTheVerifiedSource()
    {
        var (_, _, result) = GeneratorRunner.Run(TestCompilation.Create("Shop.Modules", [Modules]));

        Snapshot.Verify(GeneratorRunner.GeneratedText(result), "Generated.Shop.Modules");
    }

    [Fact]
    public void Generate_AssemblyWithModules_CompilesWithoutWarnings()
    {
        var (_, output, _) = GeneratorRunner.Run(TestCompilation.Create("Shop.Modules", [Modules]));

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // Two assemblies whose names differ must get different class and method names: a project that
    // references the other's modules would otherwise see two identical AddModulesFrom... extensions.
    [Theory]
    [InlineData("A.B", "AB")]
    [InlineData("A-B", "AB")]
    [InlineData("A_B", "AB")]
    [InlineData("A.B", "A-B")]
    [InlineData("A.B", "A_B")]
    [InlineData("A_.B", "A._B")]
    [InlineData("A..B", "A.B")]
    [InlineData("A.B.", "A.B")]
    [InlineData("1A", "_1A")]
    public void Identifier_AssemblyNamesThatFlattenAlike_Differ(string first, string second)
    {
        Assert.NotEqual(ManifestSourceWriter.Identifier(first), ManifestSourceWriter.Identifier(second));
    }

    [Theory]
    [InlineData("Shop.Modules", "Shop_Modules")]
    [InlineData("ConsumerApp", "ConsumerApp")]
    [InlineData("contoso.billing", "Contoso_Billing")]
    [InlineData("2D.Tools", "_2D_Tools")]
    public void Identifier_NameOfLettersDigitsAndDots_ReadsAsTheNameWithUnderscoresForDots(string assemblyName, string identifier)
    {
        Assert.Equal(identifier, ManifestSourceWriter.Identifier(assemblyName));
    }

    [Theory]
    [InlineData("Contoso.Usage-Tracker", "Contoso_Usage_Tracker__")]
    [InlineData("My_App", "My_App__")]
    [InlineData("-", "__")]
    [InlineData("Lib 2", "Lib_2__")]
    public void Identifier_NameWithOtherCharacters_IsItsReadableFormAndAHash(string assemblyName, string prefix)
    {
        var identifier = ManifestSourceWriter.Identifier(assemblyName);

        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(prefix) + "[0-9A-F]{8}$", identifier);
        Assert.True(SyntaxFacts.IsValidIdentifier(identifier), identifier);
    }

    [Fact]
    public void Generate_AssemblyReferencingOneWhoseNameFlattensAlike_CanCallItsRegistration()
    {
        var (_, flat, _) = GeneratorRunner.Run(TestCompilation.Create("AB", [OneModule("Flat", "flat")]));
        var compilation = TestCompilation.Create(
            "A.B",
            [
                OneModule("Dotted", "dotted"),
                """
                using Lodestar.Modules;

                public static class Host
                {
                    public static LodestarModulesBuilder AddReferencedModules(LodestarModulesBuilder builder) => builder.AddModulesFromAB();
                }
                """,
            ],
            [MetadataReference.CreateFromImage(TestCompilation.Emit(flat))]);

        var (_, output, _) = GeneratorRunner.Run(compilation);

        TestCompilation.AssertNoCompilerErrors(output);
    }

    private static string OneModule(string name, string id) => $$"""
        using Lodestar.Modules;

        namespace {{name}};

        [Module("{{id}}", "1.0.0", Description = "A module")]
        public sealed class {{name}}Module : LodestarModule
        {
        }
        """;

    [Fact]
    public void Generate_AssemblyWithoutModules_AddsNothing()
    {
        var (_, _, result) = GeneratorRunner.Run(TestCompilation.Create("Plain", ["public sealed class Plain { }"]));

        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void Generate_UnrelatedEdit_ReusesTheCachedOutput()
    {
        var compilation = TestCompilation.Create("Shop.Modules", [Modules, "public static class Unrelated { public static int Value => 1; }"]);
        var (driver, _, _) = GeneratorRunner.Run(compilation);

        var unrelated = compilation.SyntaxTrees.Last();
        var edited = compilation.ReplaceSyntaxTree(
            unrelated,
            CSharpSyntaxTree.ParseText("public static class Unrelated { public static int Value => 2; public static int Other => 3; }", TestCompilation.ParseOptions, unrelated.FilePath));
        var (_, _, result) = GeneratorRunner.Run(edited, driver);

        AssertSteps(result, TrackingNames.Modules, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSteps(result, TrackingNames.Generation, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Generate_EditOfAModuleDeclaration_RegeneratesTheOutput()
    {
        var compilation = TestCompilation.Create("Shop.Modules", [Modules]);
        var (driver, _, _) = GeneratorRunner.Run(compilation);

        var tree = compilation.SyntaxTrees.Single();
        var edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Modules.Replace("\"1.2.0\"", "\"1.3.0\"", StringComparison.Ordinal), TestCompilation.ParseOptions, tree.FilePath));
        var (_, _, result) = GeneratorRunner.Run(edited, driver);

        Assert.Contains(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"1.3.0\"", GeneratorRunner.GeneratedText(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ModelsHoldNoSymbolsOrSyntax()
    {
        var (_, _, result) = GeneratorRunner.Run(TestCompilation.Create("Shop.Modules", [Modules]));

        foreach (var value in result.TrackedSteps[TrackingNames.Modules].SelectMany(run => run.Outputs).Select(output => output.Value))
        {
            var model = Assert.IsType<ModuleModel>(value);
            Assert.All(typeof(ModuleModel).GetProperties(), property =>
            {
                Assert.False(typeof(ISymbol).IsAssignableFrom(property.PropertyType), property.Name);
                Assert.False(typeof(SyntaxNode).IsAssignableFrom(property.PropertyType), property.Name);
                Assert.False(typeof(Compilation).IsAssignableFrom(property.PropertyType), property.Name);
            });
            Assert.Equal(model, model with { });
        }
    }

    private static void AssertSteps(GeneratorRunResult result, string stepName, params IncrementalStepRunReason[] allowed)
    {
        var runs = result.TrackedSteps[stepName];
        Assert.NotEmpty(runs);
        Assert.All(runs.SelectMany(run => run.Outputs), output => Assert.Contains(output.Reason, allowed));
    }

    // A deprecated module is still registered: its typeof and new must not add CS0618 (an error under
    // TreatWarningsAsErrors) to the consumer's build.
    [Fact]
    public void Generate_ObsoleteModule_CompilesWithoutWarnings()
    {
        var compilation = TestCompilation.Create("Shop.Modules", [
            """
            using System;
            using Lodestar.Modules;

            namespace Shop.Modules;

            [Obsolete("Use StorageV2Module")]
            [Module("storage", "1.0.0", Description = "Stores things")]
            public sealed class StorageModule : LodestarModule
            {
            }
            """,
        ]);
        TestCompilation.AssertNoCompilerErrors(compilation);

        var (_, output, _) = GeneratorRunner.Run(compilation);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // [Obsolete(DiagnosticId = ...)] and [Experimental] report under their own ids, which
    // "#pragma warning disable CS0612, CS0618" does not cover: an experimental module's typeof is an error.
    [Theory]
    [InlineData("[Obsolete(\"Use StorageV2Module\", DiagnosticId = \"SHOP0001\")]", "")]
    [InlineData("[Experimental(\"SHOP0002\")]", "")]
    [InlineData("", "[Obsolete(\"Use the options\", DiagnosticId = \"SHOP0003\")] public StorageModule() { }")]
    [InlineData("", "[Experimental(\"SHOP0004\")] public StorageModule() { }")]
    public void Generate_ModuleOrConstructorDeprecatedUnderItsOwnDiagnosticId_CompilesWithoutWarnings(string typeAttribute, string constructor)
    {
        var compilation = TestCompilation.Create("Shop.Modules", [
            $$"""
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Lodestar.Modules;

            namespace Shop.Modules;

            {{typeAttribute}}
            [Module("storage", "1.0.0", Description = "Stores things")]
            public sealed class StorageModule : LodestarModule
            {
                {{constructor}}
            }
            """,
        ]);
        TestCompilation.AssertNoCompilerErrors(compilation);

        var (_, output, result) = GeneratorRunner.Run(compilation);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var generated = GeneratorRunner.GeneratedText(result);
        Assert.Contains("Register(typeof(global::Shop.Modules.StorageModule)", generated, StringComparison.Ordinal);
        Assert.Contains("builder.AddModule(new global::Shop.Modules.StorageModule());", generated, StringComparison.Ordinal);
    }

    // Naming a type or constructor that is [Obsolete(..., true)] is an error no pragma silences: such a
    // module keeps the reflection path (or, for the constructor, is not constructed), and the build compiles.
    [Theory]
    [InlineData("[Obsolete(\"Gone\", true)]", "", false)]
    [InlineData("", "[Obsolete(\"Gone\", error: true)] public StorageModule() { }", true)]
    public void Generate_ModuleOrConstructorObsoleteAsError_IsNotNamedAndTheOutputCompiles(string typeAttribute, string constructor, bool registered)
    {
        var compilation = TestCompilation.Create("Shop.Modules", [
            $$"""
            using System;
            using Lodestar.Modules;

            namespace Shop.Modules;

            {{typeAttribute}}
            [Module("storage", "1.0.0", Description = "Stores things")]
            public sealed class StorageModule : LodestarModule
            {
                {{constructor}}
            }

            [Module("orders", "1.0.0", Description = "Takes orders")]
            public sealed class OrdersModule : LodestarModule
            {
            }
            """,
        ]);
        TestCompilation.AssertNoCompilerErrors(compilation);

        var (_, output, result) = GeneratorRunner.Run(compilation);

        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var generated = GeneratorRunner.GeneratedText(result);
        Assert.Equal(registered, generated.Contains("Register(typeof(global::Shop.Modules.StorageModule)", StringComparison.Ordinal));
        Assert.DoesNotContain("new global::Shop.Modules.StorageModule()", generated, StringComparison.Ordinal);
        Assert.Contains("builder.AddModule(new global::Shop.Modules.OrdersModule());", generated, StringComparison.Ordinal);
    }
}
