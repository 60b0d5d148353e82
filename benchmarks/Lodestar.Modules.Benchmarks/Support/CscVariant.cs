using Lodestar.Modules.Analyzers;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// One way of compiling the modules of a <see cref="CscModulesWorkspace"/> with <c>csc</c>: with or
/// without the SDK's default analyzers and generators (<see cref="SdkDefaultAnalyzers"/>), and with
/// or without ours (the analyzers and the manifest generator ship in one assembly;
/// <c>/skipanalyzers+</c> keeps only the generator, as <c>RunAnalyzers=false</c> does). Shared by
/// <see cref="CscAnalyzerCostBenchmark"/> and <see cref="PairedAnalyzerCostCheck"/>, so both compile
/// with exactly the same arguments.
/// </summary>
internal sealed class CscVariant
{
    // Declared before the variants: static fields are initialised in textual order.
    private static readonly string OurAssembly = typeof(ModuleManifestGenerator).Assembly.Location;

    private CscVariant(string name, bool sdkDefaults, bool generator, bool analyzers)
    {
        Name = name;
        UsesSdkDefaults = sdkDefaults;
        RunsGenerator = generator;
        RunsAnalyzers = analyzers;
        List<string> arguments = ["@" + CscModulesWorkspace.ModulesResponseFile];
        if (sdkDefaults)
        {
            arguments.Add("@" + CscModulesWorkspace.SdkDefaultsResponseFile);
        }

        if (generator)
        {
            arguments.Add("-analyzer:" + OurAssembly);
        }

        if (generator && !analyzers)
        {
            arguments.Add("-skipanalyzers+");
        }

        Arguments = arguments;
    }

    /// <summary>Gets <c>csc</c> with no analyzer or generator at all: the conservative baseline.</summary>
    public static CscVariant Bare { get; } = new("bare", sdkDefaults: false, generator: false, analyzers: false);

    /// <summary>Gets <c>csc</c> with our generator only (<c>/skipanalyzers+</c>).</summary>
    public static CscVariant BareWithGenerator { get; } = new("bare + generator", sdkDefaults: false, generator: true, analyzers: false);

    /// <summary>Gets <c>csc</c> with our analyzers and generator.</summary>
    public static CscVariant BareWithOurs { get; } = new("bare + ours", sdkDefaults: false, generator: true, analyzers: true);

    /// <summary>Gets <c>csc</c> with the SDK's defaults: the baseline of what a module author pays.</summary>
    public static CscVariant SdkDefaults { get; } = new("SDK defaults", sdkDefaults: true, generator: false, analyzers: false);

    /// <summary>Gets <c>csc</c> with the SDK's defaults plus our analyzers and generator.</summary>
    public static CscVariant SdkDefaultsWithOurs { get; } = new("SDK defaults + ours", sdkDefaults: true, generator: true, analyzers: true);

    /// <summary>Gets every variant, in the order above.</summary>
    public static IReadOnlyList<CscVariant> All { get; } = [Bare, BareWithGenerator, BareWithOurs, SdkDefaults, SdkDefaultsWithOurs];

    /// <summary>Gets the variant's name as the paired check prints it.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether the SDK's default analyzers, generators and config files are passed.</summary>
    public bool UsesSdkDefaults { get; }

    /// <summary>Gets a value indicating whether our manifest generator runs.</summary>
    public bool RunsGenerator { get; }

    /// <summary>Gets a value indicating whether our analyzers run.</summary>
    public bool RunsAnalyzers { get; }

    /// <summary>Gets the <c>csc</c> arguments, relative to the workspace directory.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public override string ToString() => Name;
}
