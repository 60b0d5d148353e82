using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: checking and ordering a random acyclic graph of 1,000 modules takes at most 1 ms.
/// The baseline is the floor any ordering pays: indexing the 1,000 ids.
/// </summary>
[MemoryDiagnoser]
public class GraphOrderingBenchmark
{
    private const int Count = 1_000;
    private ModuleManifest[] _manifests = [];

    [GlobalSetup]
    public void Setup()
    {
        // Each module depends on up to 3 earlier ones, so the graph is acyclic; the order is shuffled.
        var random = new Random(1_000);
        var ids = Enumerable.Range(0, Count).Select(i => "module-" + i).ToArray();
        var manifests = new ModuleManifest[Count];
        for (var i = 0; i < Count; i++)
        {
            var dependencies = Enumerable.Range(0, i == 0 ? 0 : random.Next(0, 4))
                .Select(_ => ids[random.Next(0, i)])
                .Distinct()
                .Select(id => new ModuleDependency(id, Optional: random.Next(4) == 0))
                .ToArray();
            manifests[i] = ModuleManifest.Create(typeof(DelayModule), ids[i], "1.0.0", dependencies: dependencies).Value;
        }

        _manifests = [.. manifests.OrderBy(_ => random.Next())];
    }

    [Benchmark(Baseline = true)]
    public Dictionary<string, int> IndexIds()
    {
        var index = new Dictionary<string, int>(Count, StringComparer.Ordinal);
        for (var i = 0; i < _manifests.Length; i++)
        {
            index[_manifests[i].Id] = i;
        }

        return index;
    }

    [Benchmark]
    public int OrderGraph() => DependencyGraph.Build(_manifests).Value.Layers.Length;
}
