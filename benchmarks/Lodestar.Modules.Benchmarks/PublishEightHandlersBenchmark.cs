using System.Reactive.Subjects;
using BenchmarkDotNet.Attributes;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: publishing to eight synchronous handlers costs at most 1.5× a <c>for</c> loop over them,
/// allocates nothing, and beats <c>System.Reactive</c>'s <c>Subject&lt;T&gt;</c> and a C# <c>event</c>.
/// The handlers are subscribed by a module; events are published as a module publishes them.
/// </summary>
[MemoryDiagnoser]
public class PublishEightHandlersBenchmark
{
    private const int Handlers = 8;
    private readonly RequestCompleted _event = new("gpt-4o", 1_200, 300);
    private readonly Subject<RequestCompleted> _subject = new();
    private readonly IEventHandler<RequestCompleted>[] _array = new IEventHandler<RequestCompleted>[Handlers];
    private ModuleEvents _module = null!;
    private IEventPublisher<RequestCompleted> _publisher = null!;

    private event Action<RequestCompleted>? Completed;

    [GlobalSetup]
    public void Setup()
    {
        var bus = Buses.Create();
        var subscriber = Buses.ForModule(bus, "reporting");
        for (var i = 0; i < Handlers; i++)
        {
            var tally = new TokenTally();
            _array[i] = tally;
            subscriber.Subscribe<RequestCompleted>(tally);
            _subject.Subscribe(tally);
            Completed += tally.Handle;
        }

        _module = Buses.ForModule(bus, "usage");
        _publisher = _module.GetPublisher<RequestCompleted>();
    }

    [GlobalCleanup]
    public void Cleanup() => _subject.Dispose();

    [Benchmark(Baseline = true)]
    public void ForLoopOverArray()
    {
        var handlers = _array;
        for (var i = 0; i < handlers.Length; i++)
        {
            handlers[i].Handle(_event);
        }
    }

    /// <summary>
    /// The floor for any bus that isolates its handlers: the same loop with each call in a
    /// <c>try</c>/<c>catch</c>, in a method of its own (the JIT does not inline methods with
    /// exception handling), which is what isolation costs before any subscription bookkeeping.
    /// </summary>
    [Benchmark]
    public void ForLoopWithIsolation() => Isolation.CallEach(_array, _event);

    [Benchmark]
    public void ModuleEventsPublish() => _module.Publish(_event);

    [Benchmark]
    public void TypedPublisher() => _publisher.Publish(_event);

    [Benchmark]
    public void ReactiveSubject() => _subject.OnNext(_event);

    [Benchmark]
    public void CSharpEvent() => Completed?.Invoke(_event);
}
