using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Generation;

/// <summary>
/// Which modules <c>AddModulesFrom&lt;Assembly&gt;()</c> constructs: the generator answers the usual
/// case (no constructor, no <c>required</c> member) from syntax and every other case from symbols.
/// </summary>
public sealed class ConstructibleModuleTests
{
    [Theory]
    [InlineData("public sealed class M : LodestarModule { }", true)]
    [InlineData("public sealed class M : LodestarModule { static M() { } }", true)]
    [InlineData("public sealed class M : LodestarModule { internal M() { } }", true)]
    [InlineData("public sealed class M : LodestarModule { public M(int size) { } }", false)]
    [InlineData("public sealed class M : LodestarModule { private M() { } }", false)]
    [InlineData("public sealed class M(int size) : LodestarModule { public int Size => size; }", false)]
    [InlineData("public sealed class M : LodestarModule { public required string Name { get; init; } }", false)]
    [InlineData("public sealed class M : LodestarModule { public required int Size; }", false)]
    [InlineData("public sealed class M : Base { } public abstract class Base : LodestarModule { public required int Size { get; init; } }", false)]
    [InlineData("public sealed class M : Base { } public abstract class Base : LodestarModule { public int Size { get; init; } }", true)]
    [InlineData("public partial class M : LodestarModule { } public partial class M { public M(int size) { } }", false)]
    public void AddModulesFrom_ConstructsOnlyModulesWithAnAccessibleParameterlessConstructorAndNoRequiredMembers(string declaration, bool constructed)
    {
        var source = "using Lodestar.Modules;\n[Module(\"m\", \"1.0.0\", Description = \"M\")]\n" + declaration;
        var (_, _, result) = GeneratorRunner.Run(TestCompilation.Create("Shop.Modules", [source]));
        var generated = GeneratorRunner.GeneratedText(result);

        Assert.Contains("Register(typeof(global::M)", generated, StringComparison.Ordinal);
        Assert.Equal(constructed, generated.Contains("builder.AddModule(new global::M());", StringComparison.Ordinal));
    }
}
