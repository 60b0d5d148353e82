using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: starting and stopping 20 independent modules that each wait 5 ms at start-up is at
/// least 10× faster than the Generic Host starting 20 hosted services doing the same one after
/// another, and takes at most 1.5× one module's delay.
/// </summary>
[MemoryDiagnoser]
public class ModuleStartupBenchmark
{
    private const int Count = 20;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(5);

    [Benchmark(Baseline = true)]
    public Task GenericHostSequential() => StartupScenarios.HostedServicesAsync(Count, Delay);

    [Benchmark]
    public Task LodestarModules() => StartupScenarios.ModulesAsync(Count, Delay, chain: false);

    [Benchmark]
    public Task OneDelay() => Task.Delay(Delay);
}
