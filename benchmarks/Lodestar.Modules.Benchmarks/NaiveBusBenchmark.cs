using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: the typed bus is at least 3× faster than the seeds' design — string topics, handlers
/// taking <c>object</c>, a dictionary payload per event (<c>event_bus.publish('request_completed', {...})</c>) —
/// and allocates nothing where that design allocates per publish. Both deliver to the same 4 handlers.
/// </summary>
[MemoryDiagnoser]
public class NaiveBusBenchmark
{
    private const int Handlers = 4;
    private readonly Dictionary<string, List<Action<object>>> _naive = new(StringComparer.Ordinal);
    private readonly EventBus _bus = Buses.Create();
    private readonly string _model = "gpt-4o";

    [GlobalSetup]
    public void Setup()
    {
        var handlers = new List<Action<object>>();
        for (var i = 0; i < Handlers; i++)
        {
            var tally = new TokenTally();
            handlers.Add(payload =>
            {
                var data = (Dictionary<string, object>)payload;
                tally.Handle(new RequestCompletedStruct((int)data["tokens_in"], (int)data["tokens_out"]));
            });
            _bus.Subscribe<RequestCompletedStruct>(tally);
        }

        _naive["request_completed"] = handlers;
    }

    [Benchmark(Baseline = true)]
    public void SeedsDesign()
    {
        var payload = new Dictionary<string, object> { ["model"] = _model, ["tokens_in"] = 1_200, ["tokens_out"] = 300 };
        if (_naive.TryGetValue("request_completed", out var handlers))
        {
            foreach (var handler in handlers)
            {
                handler(payload);
            }
        }
    }

    [Benchmark]
    public void LodestarPublish() => _bus.Publish(new RequestCompletedStruct(1_200, 300));
}
