using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: PublishAsync to 4 handlers that complete synchronously costs at most 1.5× a hand-written await loop, and allocates nothing.</summary>
[MemoryDiagnoser]
public class PublishAsyncBenchmark
{
    private const int Handlers = 4;
    private readonly RequestCompleted _event = new("gpt-4o", 1_200, 300);
    private readonly EventBus _bus = Buses.Create();
    private readonly IAsyncEventHandler<RequestCompleted>[] _array = new IAsyncEventHandler<RequestCompleted>[Handlers];

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Handlers; i++)
        {
            var tally = new AsyncTokenTally();
            _array[i] = tally;
            _bus.Subscribe<RequestCompleted>(tally);
        }
    }

    [Benchmark(Baseline = true)]
    public async ValueTask HandWrittenAwaitLoop()
    {
        var handlers = _array;
        for (var i = 0; i < handlers.Length; i++)
        {
            await handlers[i].HandleAsync(_event, CancellationToken.None);
        }
    }

    [Benchmark]
    public ValueTask LodestarPublishAsync() => _bus.PublishAsync(_event);
}
