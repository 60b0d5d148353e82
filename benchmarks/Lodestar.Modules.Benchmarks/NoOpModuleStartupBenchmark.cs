using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: starting and stopping 20 modules that do nothing costs at most 1.5× a Generic Host with 20 no-op hosted services.</summary>
[MemoryDiagnoser]
public class NoOpModuleStartupBenchmark
{
    private const int Count = 20;

    [Benchmark(Baseline = true)]
    public Task GenericHostNoOpServices() => StartupScenarios.HostedServicesAsync(Count, TimeSpan.Zero);

    /// <summary>The same host, starting and stopping its services concurrently (<c>ServicesStartConcurrently</c>, <c>ServicesStopConcurrently</c>), as our runtime starts a layer of modules.</summary>
    [Benchmark]
    public Task GenericHostConcurrentNoOpServices() => StartupScenarios.HostedServicesAsync(Count, TimeSpan.Zero, concurrently: true);

    [Benchmark]
    public Task LodestarNoOpModules() => StartupScenarios.ModulesAsync(Count, TimeSpan.Zero, chain: false);

    /// <summary>Part of the row above: the same registrations, nothing of ours started.</summary>
    [Benchmark]
    public Task RegistrationsOnly() => StartupScenarios.ModulesPartAsync(Count, StartupPart.RegistrationsOnly);

    /// <summary>Part of the row above: the modules start and stop, the health monitor never runs.</summary>
    [Benchmark]
    public Task ModulesWithoutHealthMonitor() => StartupScenarios.ModulesPartAsync(Count, StartupPart.ModulesWithoutHealthMonitor);
}
