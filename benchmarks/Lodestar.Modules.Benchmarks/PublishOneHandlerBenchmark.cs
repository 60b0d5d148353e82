using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: publishing to one synchronous handler costs at most 2× a direct interface call, and allocates nothing.</summary>
[MemoryDiagnoser]
public class PublishOneHandlerBenchmark
{
    private readonly RequestCompleted _event = new("gpt-4o", 1_200, 300);
    private readonly EventBus _bus = Buses.Create();
    private IEventHandler<RequestCompleted> _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        var tally = new TokenTally();
        _handler = tally;
        _bus.Subscribe<RequestCompleted>(tally);
    }

    [Benchmark(Baseline = true)]
    public void DirectInterfaceCall() => _handler.Handle(_event);

    [Benchmark]
    public void LodestarPublish() => _bus.Publish(_event);
}
