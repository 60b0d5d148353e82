using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

public sealed class EventBusStressTests
{
    private sealed record Ping(int Publisher, int Sequence);

    private sealed class Tally : IEventHandler<Ping>
    {
        private readonly int[][] _seen;

        public Tally(int publishers, int perPublisher)
        {
            _seen = new int[publishers][];
            for (var i = 0; i < publishers; i++)
            {
                _seen[i] = new int[perPublisher];
            }
        }

        public void Handle(Ping message) => Interlocked.Increment(ref _seen[message.Publisher][message.Sequence]);

        public bool SawEachExactlyOnce() => _seen.All(publisher => publisher.All(count => count == 1));
    }

    [Fact]
    public async Task PublishWhileSubscribing_HandlersSubscribedThroughoutSeeEveryEventExactlyOnce()
    {
        const int Publishers = 3;
        const int PerPublisher = 20_000;
        const int Churners = 2;
        var bus = BusFactory.Create();
        var stable = Enumerable.Range(0, 4).Select(_ => new Tally(Publishers, PerPublisher)).ToArray();
        foreach (var tally in stable)
        {
            bus.Subscribe<Ping>(tally);
        }

        using var start = new Barrier(Publishers + Churners);
        var publishersDone = 0;
        var threads = new List<Task>();
        for (var p = 0; p < Publishers; p++)
        {
            var publisher = p;
            threads.Add(Dedicated(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < PerPublisher; i++)
                {
                    bus.Publish(new Ping(publisher, i));
                }

                Interlocked.Increment(ref publishersDone);
            }));
        }

        for (var c = 0; c < Churners; c++)
        {
            threads.Add(Dedicated(() =>
            {
                start.SignalAndWait();
                var churned = 0;

                // Bounded: at least 1,000 subscribe/unsubscribe rounds, and no more once the publishers are done.
                while (churned < 1_000 || Volatile.Read(ref publishersDone) < Publishers)
                {
                    var transient = bus.Subscribe<Ping>(_ => { });
                    transient.Dispose();
                    if (++churned >= 1_000_000)
                    {
                        break;
                    }
                }
            }));
        }

        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(stable, tally => Assert.True(tally.SawEachExactlyOnce()));
    }

    private static Task Dedicated(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
