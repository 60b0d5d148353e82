using System.Diagnostics;
using System.Globalization;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// The paired check of the analyzer and generator cost, outside BenchmarkDotNet, for a machine whose
/// load moves between the rows <see cref="CscAnalyzerCostBenchmark"/> measures one after the other:
/// the same 500 modules and arguments (<see cref="CscModulesWorkspace"/>, <see cref="CscVariant"/>),
/// one compiler server on a pipe of its own, warmed by <see cref="WarmUpRounds"/> rounds of every
/// variant, then the four variants (bare, bare + ours, SDK defaults, SDK defaults + ours) compiled once
/// per round in an order rotating each round. Every compile must succeed without printing anything.
/// Prints each round's wall times, then the median wall time per variant and the median (and
/// interquartile range) of the per-round ratios bare + ours / bare and SDK defaults + ours / SDK
/// defaults, with the load average at start and end.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- paired-analyzer-cost [--rounds 12]</c>.
/// Wall time per compile includes starting the small <c>csc</c> client process, as
/// <see cref="CscAnalyzerCostBenchmark"/> does. The server is shut down at the end, also on failure
/// and on Ctrl+C.
/// </remarks>
internal static class PairedAnalyzerCostCheck
{
    /// <summary>The first argument that selects this check instead of BenchmarkDotNet.</summary>
    public const string CommandName = "paired-analyzer-cost";

    private const int DefaultRounds = 12;
    private const int WarmUpRounds = 2;

    private const string Usage =
        "usage: dotnet run -c Release --project benchmarks/Lodestar.Modules.Benchmarks -- "
        + CommandName + " [--rounds N]   (N >= 1, default 12)";

    /// <summary>The variants in the order of round 0; round r starts r places further on.</summary>
    private static readonly CscVariant[] Variants =
        [CscVariant.Bare, CscVariant.BareWithOurs, CscVariant.SdkDefaults, CscVariant.SdkDefaultsWithOurs];

    /// <summary>Runs the check with the arguments after <see cref="CommandName"/>; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> arguments)
    {
        if (arguments is ["--help"] or ["-h"])
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (!TryParseRounds(arguments, out var rounds))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return Measure(rounds, cancellation.Token);
        }
        catch (Exception exception) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{CommandName}: cancelled ({exception.GetType().Name}); the compiler server is shut down.");
            return 130;
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine($"{CommandName} FAILED: {exception.Message}");
            return 1;
        }
        catch (Exception exception)
        {
            // Caught, not left unhandled: an unhandled exception may end the process without running
            // the workspace's Dispose, which stops the compiler server.
            Console.Error.WriteLine($"{CommandName} FAILED: {exception}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static int Measure(int rounds, CancellationToken cancellation)
    {
        var loadAtLaunch = LoadAverage.Read();
        var pipeName = string.Create(CultureInfo.InvariantCulture, $"lodestar-paired-{Environment.ProcessId}");
        Console.WriteLine($"Setting up {BenchmarkModules.Count} modules and checking every variant once (server pipe {pipeName})...");

        // Disposed when this method leaves, normally or by an exception caught in Run: the server stops.
        using var workspace = CscModulesWorkspace.Create(pipeName);
        Console.WriteLine($"SDK {workspace.SdkVersion}; warming the server up with {WarmUpRounds} rounds of every variant...");
        for (var round = 0; round < WarmUpRounds; round++)
        {
            foreach (var variant in Variants)
            {
                Compile(workspace, variant, $"warm-up round {round + 1}", cancellation);
            }
        }

        var loadAtStart = LoadAverage.Read();
        var startedAt = DateTimeOffset.Now;
        var seconds = new double[Variants.Length][];
        for (var v = 0; v < Variants.Length; v++)
        {
            seconds[v] = new double[rounds];
        }

        for (var round = 0; round < rounds; round++)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"round {round + 1,3}/{rounds}  load {LoadAverage.ReadOneMinute(),-5}");
            for (var slot = 0; slot < Variants.Length; slot++)
            {
                var v = (slot + round) % Variants.Length;
                seconds[v][round] = Compile(workspace, Variants[v], $"round {round + 1}", cancellation);
                line += string.Create(CultureInfo.InvariantCulture, $"  {Variants[v].Name} {seconds[v][round]:F3} s");
            }

            Console.WriteLine(line);
        }

        var loadAtEnd = LoadAverage.Read();
        PrintSummary(seconds, rounds, workspace.SdkVersion, startedAt, (loadAtLaunch, loadAtStart, loadAtEnd));
        return 0;
    }

    /// <summary>Compiles <paramref name="variant"/> once and returns its wall time in seconds; throws, naming the variant, unless it succeeded silently.</summary>
    private static double Compile(CscModulesWorkspace workspace, CscVariant variant, string phase, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var (exitCode, output) = workspace.Compile(variant);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (exitCode != 0 || !string.IsNullOrWhiteSpace(output))
        {
            throw new InvalidOperationException(
                $"variant '{variant.Name}', {phase}: csc {string.Join(' ', variant.Arguments)} exited with {exitCode} and printed:{Environment.NewLine}{output}");
        }

        return elapsed.TotalSeconds;
    }

    private static void PrintSummary(double[][] seconds, int rounds, string sdkVersion, DateTimeOffset startedAt, (string AtLaunch, string AtStart, string AtEnd) load)
    {
        double[] Of(CscVariant variant) => seconds[Array.IndexOf(Variants, variant)];
        var bare = Of(CscVariant.Bare);
        var bareWithOurs = Of(CscVariant.BareWithOurs);
        var sdk = Of(CscVariant.SdkDefaults);
        var sdkWithOurs = Of(CscVariant.SdkDefaultsWithOurs);

        var invariant = CultureInfo.InvariantCulture;
        string Time(double[] values) => string.Create(invariant, $"{Median(values):F3} s");
        string Ratio(double[] variant, double[] baseline)
        {
            var ratios = variant.Zip(baseline, (v, b) => v / b).ToArray();
            return string.Create(invariant, $"**{Median(ratios):F2}** ({Quantile(ratios, 0.25):F2}–{Quantile(ratios, 0.75):F2})");
        }

        string Added(double[] variant, double[] baseline) =>
            string.Create(invariant, $"{Median(variant.Zip(baseline, (v, b) => v - b).ToArray()):F3} s");

        var sdkOverBare = Median(sdk.Zip(bare, (s, b) => s / b).ToArray());
        Console.WriteLine();
        Console.WriteLine(string.Create(
            invariant,
            $"Paired analyzer cost: {BenchmarkModules.Count} modules, SDK {sdkVersion}, {rounds} rounds after {WarmUpRounds} warm-up rounds, {startedAt:yyyy-MM-dd HH:mm}–{DateTimeOffset.Now:HH:mm}"));
        Console.WriteLine(
            $"Load average (1, 5, 15 min): at start of the measured rounds {load.AtStart}, at end {load.AtEnd} "
            + $"(at launch, before setup and warm-up: {load.AtLaunch}); {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine($"| variant | median wall time | ratio to its baseline, median of {rounds} rounds (interquartile range) | added by ours, median per round |");
        Console.WriteLine("|---|---:|---|---:|");
        Console.WriteLine($"| {CscVariant.Bare.Name} | {Time(bare)} | 1.00 | |");
        Console.WriteLine($"| {CscVariant.BareWithOurs.Name} | {Time(bareWithOurs)} | {Ratio(bareWithOurs, bare)} | {Added(bareWithOurs, bare)} |");
        Console.WriteLine(string.Create(invariant, $"| {CscVariant.SdkDefaults.Name} | {Time(sdk)} | 1.00 ({sdkOverBare:F2}× bare) | |"));
        Console.WriteLine($"| {CscVariant.SdkDefaultsWithOurs.Name} | {Time(sdkWithOurs)} | {Ratio(sdkWithOurs, sdk)} | {Added(sdkWithOurs, sdk)} |");
    }

    private static double Median(double[] values) => Quantile(values, 0.5);

    /// <summary>The <paramref name="q"/> quantile, interpolated linearly between the two nearest sorted values.</summary>
    private static double Quantile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + ((sorted[above] - sorted[below]) * (position - below));
    }

    private static bool TryParseRounds(IReadOnlyList<string> arguments, out int rounds)
    {
        string? value = arguments switch
        {
            [] => DefaultRounds.ToString(CultureInfo.InvariantCulture),
            ["--rounds", var next] => next,
            [var single] when single.StartsWith("--rounds=", StringComparison.Ordinal) => single["--rounds=".Length..],
            _ => null,
        };
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rounds) && rounds >= 1;
    }
}
