using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Events;

public sealed class ModuleEventsTests : IAsyncDisposable
{
    private sealed record PriceChanged(string Model, decimal Price);

    private readonly RuntimeHarness _harness = new();
    private int _received;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private TestModule AddSubscriber(string id = "listener")
    {
        var module = _harness.Add(id);
        module.OnStart = (context, _) =>
        {
            context.Events.Subscribe<PriceChanged>(_ => Interlocked.Increment(ref _received));
            return new(Result.Success());
        };
        return module;
    }

    private IEventBus Bus => _harness.Services.GetRequiredService<IEventBus>();

    [Fact]
    public async Task ModuleSubscription_WhileRunning_ReceivesEvents()
    {
        AddSubscriber();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(1, _received);
    }

    [Fact]
    public async Task ModuleSubscription_AfterDisable_IsRemoved()
    {
        AddSubscriber();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("listener");
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(0, _received);
    }

    [Fact]
    public async Task ModuleSubscription_AfterStopAll_IsRemoved()
    {
        AddSubscriber();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.StopAllAsync();
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(0, _received);
    }

    [Fact]
    public async Task ModuleSubscription_AfterReportedFailure_IsRemoved()
    {
        var listener = AddSubscriber();
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        await runtime.StartAllAsync();

        listener.Context!.ReportFailure(new IOException("lost connection"));
        await _harness.WaitForAsync("listener", ModuleState.Failed);
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(0, _received);
    }

    [Fact]
    public async Task ModuleSubscription_ModuleFailsAfterSubscribingInStart_IsRemoved()
    {
        var listener = _harness.Add("listener");
        listener.OnStart = (context, _) =>
        {
            context.Events.Subscribe<PriceChanged>(_ => Interlocked.Increment(ref _received));
            return new(Error.Unavailable("listener.broken", "could not finish starting"));
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);
        await runtime.StartAllAsync();

        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(0, _received);
    }

    [Fact]
    public async Task ModuleSubscription_WhileDependencyCascadeBlocksTheModule_IsRemoved()
    {
        _harness.Add("pricing");
        var listener = _harness.Add("listener", requires: ["pricing"]);
        listener.OnStart = (context, _) =>
        {
            context.Events.Subscribe<PriceChanged>(_ => Interlocked.Increment(ref _received));
            return new(Result.Success());
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("pricing");
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(0, _received);
    }

    [Fact]
    public async Task ModuleSubscription_AfterRestart_IsRenewedOnce()
    {
        AddSubscriber();
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.RestartAsync("listener");
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal(1, _received);
    }

    [Fact]
    public async Task Subscribe_WhileModuleIsStopped_ThrowsNamingTheModule()
    {
        var listener = _harness.Add("listener");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        await runtime.DisableAsync("listener");

        var thrown = Assert.Throws<InvalidOperationException>(() => listener.Context!.Events.Subscribe<PriceChanged>(_ => { }));

        Assert.Contains("'listener'", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ThroughModuleContext_CarriesTheSourceModule()
    {
        var pricing = _harness.Add("pricing");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        EventHandlerFailure? failure = null;
        Bus.HandlerFailed += (_, f) => failure = f;
        Bus.Subscribe<PriceChanged>(_ => throw new InvalidOperationException("handler bug"));

        pricing.Context!.Events.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal("pricing", failure!.SourceModuleId);
    }

    [Fact]
    public async Task HandlerFailure_OfAModuleSubscription_NamesTheOwner()
    {
        var listener = _harness.Add("listener");
        listener.OnStart = (context, _) =>
        {
            context.Events.Subscribe<PriceChanged>(_ => throw new InvalidOperationException("handler bug"));
            return new(Result.Success());
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        EventHandlerFailure? failure = null;
        Bus.HandlerFailed += (_, f) => failure = f;

        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.Equal("listener", failure!.OwnerModuleId);
    }

    [Fact]
    public async Task Runtime_PublishesModuleStateChangedOnTheBus()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();
        var changes = new List<ModuleStateChanged>();
        Bus.Subscribe<ModuleStateChanged>(changes.Add);

        await runtime.StartAllAsync();

        Assert.Equal([ModuleState.Enabling, ModuleState.Starting, ModuleState.Running], changes.Select(c => c.Current));
        Assert.All(changes, c => Assert.Equal("storage", c.ModuleId));
    }

    [Fact]
    public async Task Runtime_StoppingModuleDoesNotHearItsOwnStop()
    {
        var heard = new List<ModuleState>();
        var listener = _harness.Add("listener");
        listener.OnStart = (context, _) =>
        {
            context.Events.Subscribe<ModuleStateChanged>(c => heard.Add(c.Current));
            return new(Result.Success());
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        await runtime.DisableAsync("listener");

        Assert.Equal([ModuleState.Running], heard);
    }

    [Fact]
    public async Task ModuleSubscription_FromAnAbandonedStart_IsRefusedOnceTheModuleRunsAgain()
    {
        var module = _harness.Add("listener");
        var firstStartEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseLateWork = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lateSubscribe = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = 0;
        module.OnStart = async (context, ct) =>
        {
            if (Interlocked.Increment(ref starts) == 1)
            {
                // Work this start began goes on after the runtime gave up on the start, and subscribes
                // late. (The start itself ends on its token: the next start waits for an abandoned one.)
                _ = Task.Run(
                    async () =>
                    {
                        await releaseLateWork.Task;
                        lateSubscribe.SetResult(Record.Exception(() => context.Events.Subscribe<PriceChanged>(_ => Interlocked.Increment(ref _received))));
                    },
                    CancellationToken.None);
                firstStartEntered.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct); // abandoned at the start timeout
                return Result.Success();
            }

            context.Events.Subscribe<PriceChanged>(_ => Interlocked.Increment(ref _received));
            return Result.Success();
        };
        var runtime = _harness.Build(options =>
        {
            options.StartTimeout = TimeSpan.FromSeconds(5);
            options.DefaultRestartPolicy = RestartPolicy.Never;
        });
        var starting = runtime.StartAllAsync().AsTask();
        await firstStartEntered.Task.WaitAsync(RuntimeHarness.Guard);
        _harness.Time.Advance(TimeSpan.FromSeconds(5));
        await starting.WaitAsync(RuntimeHarness.Guard);
        await runtime.EnableAsync("listener").AsTask().WaitAsync(RuntimeHarness.Guard);

        releaseLateWork.SetResult();
        var refused = await lateSubscribe.Task.WaitAsync(RuntimeHarness.Guard);
        Bus.Publish(new PriceChanged("gpt-4o", 2.5m));

        Assert.IsType<InvalidOperationException>(refused);
        Assert.Equal(1, _received);
    }
}
