using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: publishing to one synchronous handler costs at most 2× a direct interface call, and
/// allocates nothing. Measured on each way an application publishes: a module through its
/// <see cref="ModuleContext.Events"/>, host code through the <see cref="IEventBus"/> it resolves, and
/// either through a typed <see cref="IEventPublisher{TEvent}"/> kept in a field. The handler is
/// subscribed by a module, as in an application.
/// </summary>
[MemoryDiagnoser]
public class PublishOneHandlerBenchmark
{
    private readonly RequestCompleted _event = new("gpt-4o", 1_200, 300);
    private IEventHandler<RequestCompleted> _handler = null!;
    private IEventBus _bus = null!;
    private ModuleEvents _module = null!;
    private IEventPublisher<RequestCompleted> _publisher = null!;

    [GlobalSetup]
    public void Setup()
    {
        var bus = Buses.Create();
        var tally = new TokenTally();
        _handler = tally;
        Buses.ForModule(bus, "reporting").Subscribe<RequestCompleted>(tally);
        _bus = bus;
        _module = Buses.ForModule(bus, "usage");
        _publisher = _module.GetPublisher<RequestCompleted>();
    }

    [Benchmark(Baseline = true)]
    public void DirectInterfaceCall() => _handler.Handle(_event);

    /// <summary>
    /// The floor for any bus that isolates its handlers: the same call inside a
    /// <c>try</c>/<c>catch</c>, in a method of its own (the JIT does not inline methods with
    /// exception handling), which is what isolation costs before any subscription bookkeeping.
    /// </summary>
    [Benchmark]
    public void IsolatedInterfaceCall() => Isolation.Call(_handler, _event);

    [Benchmark]
    public void ModuleEventsPublish() => _module.Publish(_event);

    [Benchmark]
    public void EventBusPublish() => _bus.Publish(_event);

    [Benchmark]
    public void TypedPublisher() => _publisher.Publish(_event);
}
