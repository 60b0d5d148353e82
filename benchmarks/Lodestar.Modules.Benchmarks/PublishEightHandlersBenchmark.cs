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

    [Benchmark]
    public void ModuleEventsPublish() => _module.Publish(_event);

    [Benchmark]
    public void TypedPublisher() => _publisher.Publish(_event);

    [Benchmark]
    public void ReactiveSubject() => _subject.OnNext(_event);

    [Benchmark]
    public void CSharpEvent() => Completed?.Invoke(_event);
}
