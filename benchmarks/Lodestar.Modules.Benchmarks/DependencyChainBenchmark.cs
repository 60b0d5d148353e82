using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: a chain of 10 modules that each wait 2 ms starts within 1.2× the sum of the chain (the runtime adds little per layer).</summary>
[MemoryDiagnoser]
public class DependencyChainBenchmark
{
    private const int Count = 10;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(2);

    [Benchmark(Baseline = true)]
    public async Task SumOfTheChain()
    {
        for (var i = 0; i < Count; i++)
        {
            await Task.Delay(Delay).ConfigureAwait(false);
        }
    }

    [Benchmark]
    public Task LodestarChain() => StartupScenarios.ModulesAsync(Count, Delay, chain: true);
}
