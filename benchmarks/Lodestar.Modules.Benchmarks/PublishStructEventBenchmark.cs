using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: publishing a struct event allocates nothing (no boxing on the way to the handler).</summary>
[MemoryDiagnoser]
public class PublishStructEventBenchmark
{
    private readonly EventBus _bus = Buses.Create();
    private IEventHandler<RequestCompletedStruct> _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tally = new TokenTally();
        _handler = tally;
        _bus.Subscribe<RequestCompletedStruct>(tally);
    }

    [Benchmark(Baseline = true)]
    public void DirectCall() => _handler.Handle(new RequestCompletedStruct(1_200, 300));

    [Benchmark]
    public void LodestarPublish() => _bus.Publish(new RequestCompletedStruct(1_200, 300));
}
