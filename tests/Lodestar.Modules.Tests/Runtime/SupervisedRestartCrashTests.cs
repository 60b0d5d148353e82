using Lodestar.Modules.Tests.Support;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lodestar.Modules.Tests.Support.Restarts;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// A supervised restart that faults unexpectedly (here: a logging provider throws while the restart
/// transition is logged) does not leave the module's snapshot telling only of the failure before it.
/// </summary>
public sealed class SupervisedRestartCrashTests : IAsyncDisposable
{
    private const int RestartCrashedEvent = 2002;

    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public SupervisedRestartCrashTests() =>
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    /// <summary>Fails the first start, then makes the supervised restart throw; completes with the 2002 entry.</summary>
    private async Task<ListLoggerProvider.LogEntry> CrashTheSupervisedRestartAsync()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(Crash);
        var crashed = new TaskCompletionSource<ListLoggerProvider.LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        _logs.OnLog = entry =>
        {
            if (entry.EventId.Id == 1000 && entry.Message.Contains("on Restart", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the log sink is full");
            }

            if (entry.EventId.Id == RestartCrashedEvent)
            {
                crashed.TrySetResult(entry);
            }
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = Policy(maxRestarts: 3));

        await runtime.StartAllAsync();
        await _harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        _harness.Time.Advance(TimeSpan.FromSeconds(1));
        return await crashed.Task.WaitAsync(RuntimeHarness.Guard);
    }

    [Fact]
    public async Task SupervisedRestart_FaultsUnexpectedly_LogsAnErrorNamingTheModule()
    {
        var logged = await CrashTheSupervisedRestartAsync();

        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("storage", logged.Message, StringComparison.Ordinal);
        Assert.NotNull(logged.Exception);
    }

    [Fact]
    public async Task SupervisedRestart_FaultsUnexpectedly_SnapshotSaysTheRestartFailed()
    {
        await CrashTheSupervisedRestartAsync();

        var error = _harness.Snapshot("storage").LastError;
        Assert.Equal("module.restart.failed", error?.Code);
        Assert.Contains("the log sink is full", error!.Message, StringComparison.Ordinal);
    }
}
