using Lodestar.Modules.Tests.Support;

namespace Lodestar.Modules.Tests.Events;

public sealed class PublishAsyncTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private sealed record Tick(int N);

    [Fact]
    public async Task PublishAsync_RunsSyncAndAsyncHandlersInSubscriptionOrder()
    {
        var bus = BusFactory.Create();
        var log = new List<string>();
        bus.Subscribe<Tick>(_ => log.Add("sync 1"));
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await Task.Yield();
            log.Add("async 2");
        });
        bus.Subscribe<Tick>(_ => log.Add("sync 3"));

        await bus.PublishAsync(new Tick(1));

        Assert.Equal(["sync 1", "async 2", "sync 3"], log);
    }

    [Fact]
    public async Task PublishAsync_Sequential_StartsEachHandlerAfterThePreviousCompleted()
    {
        var bus = BusFactory.Create();
        var firstRelease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = false;
        bus.SubscribeAsync<Tick>(async (_, _) => await firstRelease.Task);
        bus.SubscribeAsync<Tick>((_, _) =>
        {
            secondStarted = true;
            return default;
        });

        var publishing = bus.PublishAsync(new Tick(1)).AsTask();
        Assert.False(secondStarted);
        firstRelease.SetResult();
        await publishing.WaitAsync(Guard);

        Assert.True(secondStarted);
    }

    [Fact]
    public async Task PublishAsync_Concurrent_RunsAsyncHandlersTogether()
    {
        // Each handler completes only once the other has started: sequential dispatch would never finish.
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        var a = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var b = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bus.SubscribeAsync<Tick>(async (_, ct) =>
        {
            a.SetResult();
            await b.Task.WaitAsync(ct);
        });
        bus.SubscribeAsync<Tick>(async (_, ct) =>
        {
            b.SetResult();
            await a.Task.WaitAsync(ct);
        });

        await bus.PublishAsync(new Tick(1)).AsTask().WaitAsync(Guard);
    }

    [Fact]
    public async Task PublishAsync_CancelledBetweenHandlers_StopsAndThrows()
    {
        var bus = BusFactory.Create();
        using var cancellation = new CancellationTokenSource();
        var secondRan = false;
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await Task.Yield();
            await cancellation.CancelAsync();
        });
        bus.SubscribeAsync<Tick>((_, _) =>
        {
            secondRan = true;
            return default;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.PublishAsync(new Tick(1), cancellation.Token).AsTask());

        Assert.False(secondRan);
    }

    [Fact]
    public async Task PublishAsync_AlreadyCancelled_RunsNoAsyncHandler()
    {
        var bus = BusFactory.Create();
        var ran = false;
        bus.SubscribeAsync<Tick>((_, _) =>
        {
            ran = true;
            return default;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bus.PublishAsync(new Tick(1), new CancellationToken(canceled: true)).AsTask());

        Assert.False(ran);
    }

    [Fact]
    public async Task PublishAsync_AsyncHandlerFaults_OthersRunAndPublishCompletes()
    {
        var bus = BusFactory.Create();
        var failures = new List<EventHandlerFailure>();
        bus.HandlerFailed += (_, failure) => failures.Add(failure);
        var after = 0;
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await Task.Yield();
            throw new IOException("disk gone");
        });
        bus.SubscribeAsync<Tick>((_, _) => throw new InvalidOperationException("thrown before returning a task"));
        bus.SubscribeAsync<Tick>((_, _) =>
        {
            after++;
            return default;
        });

        await bus.PublishAsync(new Tick(1));

        Assert.Equal(1, after);
        Assert.Collection(
            failures,
            f => Assert.IsType<IOException>(f.Exception),
            f => Assert.IsType<InvalidOperationException>(f.Exception));
    }

    [Fact]
    public async Task PublishAsync_Concurrent_FaultingHandlerIsIsolated()
    {
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        var failures = 0;
        var ran = 0;
        bus.HandlerFailed += (_, _) => Interlocked.Increment(ref failures);
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await Task.Yield();
            throw new IOException("disk gone");
        });
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await Task.Yield();
            Interlocked.Increment(ref ran);
        });

        await bus.PublishAsync(new Tick(1));

        Assert.Equal(1, failures);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task PublishAsync_ReentrantPublishAsyncFromHandler_Completes()
    {
        var bus = BusFactory.Create();
        var inner = 0;
        bus.SubscribeAsync<Tick>(async (tick, ct) =>
        {
            if (tick.N < 3)
            {
                await bus.PublishAsync(new Tick(tick.N + 1), ct);
            }

            inner++;
        });

        await bus.PublishAsync(new Tick(1)).AsTask().WaitAsync(Guard);

        Assert.Equal(3, inner);
    }

    [Fact]
    public async Task PublishAsync_Concurrent_CancelledAfterAHandlerStarted_DoesNotCompleteBeforeIt()
    {
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        using var cancellation = new CancellationTokenSource();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstDone = false;
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await cancellation.CancelAsync();
            await release.Task;
            firstDone = true;
        });
        bus.SubscribeAsync<Tick>((_, _) => default);

        var publishing = bus.PublishAsync(new Tick(1), cancellation.Token).AsTask();
        var completedEarly = publishing.IsCompleted;
        release.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing.WaitAsync(Guard));

        Assert.False(completedEarly, "PublishAsync completed while a handler it had started was still running.");
        Assert.True(firstDone);
    }

    [Fact]
    public async Task PublishAsync_Concurrent_CancelledAfterEveryHandlerStarted_CompletesWhenTheyDo()
    {
        // Like a sequential publish cancelled during its last handler: no handler was kept from running, so
        // the publish is not reported as cancelled.
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        using var cancellation = new CancellationTokenSource();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        bus.SubscribeAsync<Tick>(async (_, _) =>
        {
            await release.Task;
            finished = true;
        });

        var publishing = bus.PublishAsync(new Tick(1), cancellation.Token).AsTask();
        await cancellation.CancelAsync();
        release.SetResult();
        await publishing.WaitAsync(Guard);

        Assert.True(finished);
    }

    [Fact]
    public async Task PublishAsync_Concurrent_StartsAsyncHandlersAfterTheSyncHandlersRan()
    {
        var bus = BusFactory.Create(AsyncHandlerMode.Concurrent);
        var log = new List<string>();
        bus.SubscribeAsync<Tick>((_, _) =>
        {
            log.Add("async");
            return default;
        });
        bus.Subscribe<Tick>(_ => log.Add("sync"));

        await bus.PublishAsync(new Tick(1)).AsTask().WaitAsync(Guard);

        Assert.Equal(["sync", "async"], log);
    }

    [Fact]
    public async Task PublishAsync_HandlerThrowsPublishersCancellationSynchronously_ReturnsCancelledTaskInsteadOfThrowing()
    {
        var bus = BusFactory.Create();
        using var cancellation = new CancellationTokenSource();
        bus.SubscribeAsync<Tick>((_, ct) =>
        {
            cancellation.Cancel();
            ct.ThrowIfCancellationRequested();
            return default;
        });

        ValueTask publishing = default;
        var thrown = Record.Exception(() => publishing = bus.PublishAsync(new Tick(1), cancellation.Token));

        Assert.Null(thrown);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing.AsTask());
    }
}
