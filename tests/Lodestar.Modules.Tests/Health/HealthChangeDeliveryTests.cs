using System.Collections.Concurrent;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Tests.Health;

/// <summary>
/// How health changes are told: what the module's state is at that moment, one module's changes in
/// order, and outside the module's gate, so observers may read any module's health meanwhile.
/// </summary>
public sealed class HealthChangeDeliveryTests : IAsyncDisposable
{
    /// <summary>The monitor's log event for a change whose telling threw.</summary>
    private const int HealthChangeNotTold = 5007;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly RuntimeHarness _harness = new();
    private readonly ConcurrentQueue<ModuleHealthChanged> _changes = new();
    private readonly ConcurrentQueue<ModuleHealthChanged> _published = new();

    public async ValueTask DisposeAsync()
    {
        if (_harness.Runtime is not null)
        {
            using var giveUp = new CancellationTokenSource(RuntimeHarness.Guard);
            await Monitor.StopAsync(giveUp.Token);
        }

        await _harness.DisposeAsync();
    }

    private IModuleHealthMonitor Monitor => _harness.Services.GetRequiredService<IModuleHealthMonitor>();

    private Task NextIntervalArmedAsync() => _harness.Time.WaitForTimerAsync(Interval).WaitAsync(RuntimeHarness.Guard);

    private void Record()
    {
        Monitor.HealthChanged += (_, change) => _changes.Enqueue(change);
        _harness.Services.GetRequiredService<IEventBus>().Subscribe<ModuleHealthChanged>(_published.Enqueue);
    }

    /// <summary>
    /// A check finishes, and before the loop tells its result the module starts stopping: the loop
    /// must tell nothing of that check, and the module's stop is told as it happens.
    /// </summary>
    [Fact]
    public async Task CheckFinishingWhileTheModuleStops_DoesNotAnnounceTheStaleCheckAfterTheStop()
    {
        var time = new HookedTime(_harness.Time);
        _harness.ConfigureServices = services => services.AddSingleton<TimeProvider>(time);
        var stopEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new StoppableModule
        {
            OnStop = async _ =>
            {
                stopEntered.TrySetResult();
                await stopGate.Task;
            },
        };
        _harness.Add(probe, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        Record();
        Monitor.Start();
        await NextIntervalArmedAsync();

        var checkStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkResult = new TaskCompletionSource<HealthReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.OnCheck = _ =>
        {
            checkStarted.TrySetResult();
            return new(checkResult.Task);
        };
        _harness.Time.Advance(Interval);
        await checkStarted.Task.WaitAsync(RuntimeHarness.Guard);

        // The next clock read after the check is the uptime of the report the loop is about to announce.
        var readingReport = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        time.OnNextUtcNow(() =>
        {
            readingReport.TrySetResult();
            release.Wait(RuntimeHarness.Guard);
        });
        checkResult.SetResult(HealthReport.Down("disk full"));
        await readingReport.Task.WaitAsync(RuntimeHarness.Guard);

        var disabling = runtime.DisableAsync("probe").AsTask();
        await stopEntered.Task.WaitAsync(RuntimeHarness.Guard);
        release.Set();
        await NextIntervalArmedAsync();
        var readWhileStopping = Monitor.GetReport("probe").Value;
        stopGate.SetResult();
        await disabling.WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(HealthStatus.Degraded, readWhileStopping.Status);
        Assert.Equal(
            [
                (HealthStatus.Healthy, HealthStatus.Degraded, "Module 'probe' is stopping."),
                (HealthStatus.Degraded, HealthStatus.Down, "Module 'probe' is disabled. Enable it to run it."),
            ],
            _changes.Select(c => (c.Previous, c.Current, c.Report.Description)));
    }

    /// <summary>
    /// A HealthChanged handler that heals a Down module by restarting it (fire and forget) runs the
    /// restart's first steps on the same thread, while "down" is being told: the "stopping" change
    /// that causes is told after it, on the bus and to the other handlers.
    /// </summary>
    [Fact]
    public async Task HandlerRestartingTheModule_ChangesStillReachTheBusInOrder()
    {
        var stopEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new StoppableModule
        {
            OnStop = async _ =>
            {
                stopEntered.TrySetResult();
                await stopGate.Task;
            },
        };
        _harness.Add(probe, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        var restart = new TaskCompletionSource<Task<Result>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Monitor.HealthChanged += (_, change) =>
        {
            if (change.Current == HealthStatus.Down && !restart.Task.IsCompleted)
            {
                restart.TrySetResult(runtime.RestartAsync(change.ModuleId).AsTask());
            }
        };
        Record();
        Monitor.Start();
        await NextIntervalArmedAsync();

        probe.OnCheck = _ => new(HealthReport.Down("disk full"));
        _harness.Time.Advance(Interval);
        var restarting = await restart.Task.WaitAsync(RuntimeHarness.Guard);
        await stopEntered.Task.WaitAsync(RuntimeHarness.Guard);
        await NextIntervalArmedAsync();
        probe.OnCheck = _ => new(HealthReport.Healthy);
        stopGate.SetResult();
        await restarting.WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(
            [
                (HealthStatus.Healthy, HealthStatus.Down),
                (HealthStatus.Down, HealthStatus.Degraded),
                (HealthStatus.Degraded, HealthStatus.Down),
                (HealthStatus.Down, HealthStatus.Degraded),
                (HealthStatus.Degraded, HealthStatus.Healthy),
            ],
            _published.Select(c => (c.Previous, c.Current)));
    }

    /// <summary>
    /// Two modules change at the same time and each one's HealthChanged handler reads the aggregate
    /// status, which reads every module's last check. (The pricing handler reads it on another thread
    /// with a bounded wait, so a deadlock fails the test instead of hanging it.)
    /// </summary>
    [Fact]
    public async Task HandlersReadingTheAggregate_WhileTwoModulesChangeAtOnce_DoNotDeadlock()
    {
        var storage = new StoppableModule();
        var pricing = new StoppableModule();
        _harness.Add(storage, "storage");
        _harness.Add(pricing, "pricing");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        await Monitor.CheckAsync("storage");
        await Monitor.CheckAsync("pricing");
        using var bothTelling = new Barrier(2);
        var pricingReadTheAggregate = false;
        Monitor.HealthChanged += (_, change) =>
        {
            // Both changes are being told, each under its own module's gate, before either handler reads the aggregate.
            bothTelling.SignalAndWait(RuntimeHarness.Guard);
            if (change.ModuleId == "storage")
            {
                _ = Monitor.GetAggregateStatus();
                return;
            }

            var aggregate = Task.Run(Monitor.GetAggregateStatus);
            pricingReadTheAggregate = aggregate.Wait(RuntimeHarness.Guard);
        };
        storage.OnCheck = _ => new(HealthReport.Degraded("queue backing up"));
        pricing.OnCheck = _ => new(HealthReport.Degraded("feed lagging"));

        var both = await Task.WhenAll(
            Task.Run(() => Monitor.CheckAsync("storage").AsTask()),
            Task.Run(() => Monitor.CheckAsync("pricing").AsTask())).WaitAsync(RuntimeHarness.Guard);

        Assert.All(both, report => Assert.Equal(HealthStatus.Degraded, report.Value.Status));
        Assert.True(pricingReadTheAggregate, "GetAggregateStatus in a HealthChanged handler waited on the gate another module's handler holds");
    }

    [Fact]
    public async Task Start_ContainerHandlerOfHealthChangesCannotBeBuilt_FailsWithTheBusError()
    {
        await StartModulesWithUnbuildableHealthHandlerAsync();

        var thrown = Assert.Throws<InvalidOperationException>(Monitor.Start);

        Assert.Contains("IEventHandler<ModuleHealthChanged>", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("the pager's API key is missing", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ContainerHandlerOfHealthChangesCannotBeBuilt_LeavesTheMonitorStopped()
    {
        await StartModulesWithUnbuildableHealthHandlerAsync();

        try
        {
            Monitor.Start();
        }
        catch (InvalidOperationException)
        {
            // What the test above is about.
        }

        Assert.False(Monitor.IsRunning);
    }

    [Fact]
    public async Task TellingAChangeThrows_IsLoggedNamingTheModule()
    {
        var logs = await TellFirstChangeThrowingAsync();

        var logged = Assert.Single(logs.Entries, entry => entry.EventId.Id == HealthChangeNotTold);
        Assert.Contains("probe", logged.Message, StringComparison.Ordinal);
        Assert.NotNull(logged.Exception);
    }

    /// <summary>The change made while the throwing one was told is told after it, without waiting for another change.</summary>
    [Fact]
    public async Task TellingAChangeThrows_TheChangeQueuedBehindItIsStillTold()
    {
        await TellFirstChangeThrowingAsync();

        Assert.Contains((HealthStatus.Down, HealthStatus.Healthy), _changes.Select(c => (c.Previous, c.Current)));
    }

    private async Task StartModulesWithUnbuildableHealthHandlerAsync()
    {
        _harness.ConfigureServices = services => services.AddSingleton<IEventHandler<ModuleHealthChanged>, UnbuildablePager>();
        _harness.Add(new StoppableModule(), "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
    }

    /// <summary>
    /// Starts the monitor over a module whose first check reads Down, with a log sink that throws
    /// while that change (Healthy to Down) is logged; before it throws, a second check (Healthy)
    /// queues the next change behind it. Returns once the loop has finished that check, or crashed.
    /// </summary>
    private async Task<ListLoggerProvider> TellFirstChangeThrowingAsync()
    {
        var logs = new ListLoggerProvider();
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var probe = new StoppableModule();
        var checks = 0;
        probe.OnCheck = _ => new(Interlocked.Increment(ref checks) == 1 ? HealthReport.Down("disk full") : HealthReport.Healthy);
        _harness.Add(probe, "probe", healthIntervalSeconds: (int)Interval.TotalSeconds, healthTimeoutSeconds: (int)Timeout.TotalSeconds);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        Record();
        var loopCrashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thrown = 0;
        logs.OnLog = entry =>
        {
            if (entry.EventId.Id == 5004)
            {
                loopCrashed.TrySetResult(); // HealthLoopCrashed
            }
            else if (entry.EventId.Id == 5001 && Interlocked.Exchange(ref thrown, 1) == 0)
            {
                // HealthChanged, the first one: the second check's change is decided while this one is being told.
                Monitor.CheckAsync("probe").AsTask().Wait(RuntimeHarness.Guard);
                throw new IOException("the log sink is full");
            }
        };

        Monitor.Start();
        await Task.WhenAny(NextIntervalArmedAsync(), loopCrashed.Task);
        return logs;
    }

    /// <summary>A container handler of health changes whose construction throws, as one with a missing setting does.</summary>
    private sealed class UnbuildablePager : IEventHandler<ModuleHealthChanged>
    {
        public UnbuildablePager() => throw new InvalidOperationException("the pager's API key is missing");

        public void Handle(ModuleHealthChanged message)
        {
        }
    }

    /// <summary>A module with a delegate check and a delegate graceful stop.</summary>
    private sealed class StoppableModule : LodestarModule
    {
        public Func<CancellationToken, ValueTask<HealthReport>> OnCheck { get; set; } = static _ => new(HealthReport.Healthy);

        public Func<CancellationToken, ValueTask> OnStop { get; set; } = static _ => default;

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) => new(Result.Success());

        protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken) => OnStop(cancellationToken);

        protected override ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken) => OnCheck(cancellationToken);
    }

    /// <summary>The fake clock, with a hook that runs once on the next read of the wall clock.</summary>
    private sealed class HookedTime(FakeTimeProvider inner) : TimeProvider
    {
        private Action? _next;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

        public void OnNextUtcNow(Action hook) => Volatile.Write(ref _next, hook);

        public override DateTimeOffset GetUtcNow()
        {
            Interlocked.Exchange(ref _next, null)?.Invoke();
            return inner.GetUtcNow();
        }

        public override long GetTimestamp() => inner.GetTimestamp();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
