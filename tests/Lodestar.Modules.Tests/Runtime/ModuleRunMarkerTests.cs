using System.Threading.Channels;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// A start's flow carries the run it began: only the work of a start that was abandoned is refused;
/// work a successful run left behind, and the runtime's own work, still act for the module.
/// </summary>
public sealed class ModuleRunMarkerTests : IAsyncDisposable
{
    private const int FailureReportIgnored = 1007;

    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public ModuleRunMarkerTests() =>
        _harness.ConfigureServices = services =>
        {
            services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
            services.AddSingleton<Worker>();
        };

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task SupervisedRestart_AfterFirstRunsLoopReportedAFailure_NextRunsStateChangeHandlerMaySubscribe()
    {
        // Run 1 is not abandoned: it started fine, and its background loop later reports a failure, as
        // modules are told to. The supervisor restarts the module on the flow of that report, so run 2's
        // state-change handlers run on a flow still marked as run 1 and are refused.
        var loopDies = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscribed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = 0;
        var storage = _harness.Add("storage");
        storage.OnStart = (context, token) =>
        {
            if (Interlocked.Increment(ref starts) == 1)
            {
                _ = Task.Run(async () =>
                {
                    await loopDies.Task;
                    context.ReportFailure(new IOException("first run's loop died"));
                }, CancellationToken.None);
            }
            else
            {
                context.Events.Subscribe<ModuleStateChanged>(change =>
                {
                    if (change is { ModuleId: "storage", Current: ModuleState.Running })
                    {
                        try
                        {
                            context.Events.Subscribe<Ping>(_ => { });
                            subscribed.TrySetResult(null);
                        }
                        catch (InvalidOperationException exception)
                        {
                            subscribed.TrySetResult(exception);
                        }
                    }
                });
            }

            return new(Result.Success());
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));
        await runtime.StartAllAsync();

        loopDies.SetResult();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        await _harness.WaitForAsync("storage", ModuleState.Running, occurrence: 2);

        var refused = await subscribed.Task.WaitAsync(RuntimeHarness.Guard);
        Assert.Null(refused);
    }

    [Fact]
    public async Task RequestedRestart_FailureReportedThroughASingletonMadeDuringFirstStart_FailsTheModule()
    {
        // A singleton first resolved in run 1's StartAsync starts its own loop on that flow. Run 1 ends
        // normally (RestartAsync, nothing abandoned); run 2 reports a failure through the singleton's
        // loop, and the report is dropped as if it came from an abandoned start.
        var storage = _harness.Add("storage");
        storage.OnStart = (context, token) =>
        {
            _ = context.Services.GetRequiredService<Worker>();
            return new(Result.Success());
        };
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        Assert.True((await runtime.RestartAsync("storage")).IsSuccess);
        Assert.Equal(2, storage.Starts);

        var handled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _logs.OnLog = entry =>
        {
            if (entry.EventId.Id == FailureReportIgnored)
            {
                handled.TrySetResult();
            }
        };
        runtime.StateChanged += (_, change) =>
        {
            if (change is { ModuleId: "storage", Current: ModuleState.Failed })
            {
                handled.TrySetResult();
            }
        };
        var context = storage.Context!;
        _harness.Services.GetRequiredService<Worker>().Post(() => context.ReportFailure(new IOException("run 2's connection died")));
        await handled.Task.WaitAsync(RuntimeHarness.Guard);

        Assert.NotEqual(ModuleState.Running, _harness.StateOf("storage"));
    }

    private sealed record Ping(int N);

    /// <summary>A singleton with its own background loop, as connection pools and clients have.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Channel<Action> _jobs = Channel.CreateUnbounded<Action>();

        public Worker() => _ = Task.Run(async () =>
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync())
            {
                job();
            }
        });

        public void Post(Action job) => _jobs.Writer.TryWrite(job);

        public void Dispose() => _jobs.Writer.TryComplete();
    }
}
