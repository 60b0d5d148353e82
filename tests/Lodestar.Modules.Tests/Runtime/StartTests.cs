using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class StartTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StartAll_IndependentModules_StartConcurrently()
    {
        // Each module finishes starting only once the other has begun: sequential start would never complete.
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = _harness.Add("a");
        var b = _harness.Add("b");
        a.OnStart = async (_, ct) =>
        {
            aStarted.SetResult();
            await bStarted.Task.WaitAsync(ct);
            return Result.Success();
        };
        b.OnStart = async (_, ct) =>
        {
            bStarted.SetResult();
            await aStarted.Task.WaitAsync(ct);
            return Result.Success();
        };
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync().AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.True(started.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("a"));
        Assert.Equal(ModuleState.Running, _harness.StateOf("b"));
    }

    [Fact]
    public async Task StartAll_MaxDegreeOfParallelismOne_StartsOneModuleAtATime()
    {
        var inside = 0;
        var most = 0;
        for (var i = 0; i < 4; i++)
        {
            var module = _harness.Add("m" + i);
            module.OnStart = async (_, _) =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
                return Result.Success();
            };
        }

        var runtime = _harness.Build(o => o.MaxDegreeOfParallelism = 1);

        await runtime.StartAllAsync();

        Assert.Equal(1, most);
        Assert.All(runtime.GetSnapshots(), s => Assert.Equal(ModuleState.Running, s.State));
    }

    [Fact]
    public async Task StartAll_ModuleGoesThroughEnablingStartingRunning()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(
            [(ModuleState.Disabled, ModuleState.Enabling), (ModuleState.Enabling, ModuleState.Starting), (ModuleState.Starting, ModuleState.Running)],
            _harness.Changes.Select(c => (c.Previous, c.Current)));
    }

    [Fact]
    public async Task StartAll_ModuleReturnsFailure_IsFailedWithThatErrorAndOthersRun()
    {
        var error = Error.Unavailable("storage.locked", "The database file is locked.");
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(error);
        _harness.Add("pricing");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        var started = await runtime.StartAllAsync();

        Assert.True(started.IsSuccess);
        Assert.Equal(ModuleState.Failed, _harness.StateOf("storage"));
        Assert.Same(error, _harness.Snapshot("storage").LastError);
        Assert.Equal(ModuleState.Running, _harness.StateOf("pricing"));
    }

    [Fact]
    public async Task StartAll_ModuleThrowsInStart_IsFailedWithExceptionError()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => throw new IOException("disk full");
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("module.start.exception", snapshot.LastError!.Code);
        Assert.IsType<IOException>(snapshot.LastError.Exception);
        Assert.Contains("'storage'", snapshot.LastError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAll_ModuleThrowsAfterAwait_IsFailedWithExceptionError()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = async (_, _) =>
        {
            await Task.Yield();
            throw new IOException("disk full");
        };
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        Assert.Equal("module.start.exception", _harness.Snapshot("storage").LastError!.Code);
    }

    [Fact]
    public async Task StartAll_ModuleReturnsDefaultResult_IsFailedNotRunning()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) => new(default(Result));
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();

        Assert.Equal(ModuleState.Failed, _harness.StateOf("storage"));
        Assert.Equal("result.uninitialized", _harness.Snapshot("storage").LastError!.Code);
    }

    [Fact]
    public async Task StartAll_ModuleIgnoresCancellationPastStartTimeout_FailsWithTimeout()
    {
        var never = new TaskCompletionSource<Result>();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStart = (_, _) =>
        {
            entered.SetResult();
            return new(never.Task);
        };
        _harness.Add("pricing");
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = TimeSpan.FromSeconds(10);
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });

        var starting = runtime.StartAllAsync().AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard); // the start timeout is armed before StartAsync is called
        _harness.Time.Advance(TimeSpan.FromSeconds(10));
        await starting.WaitAsync(RuntimeHarness.Guard);

        var snapshot = _harness.Snapshot("storage");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("module.start.timeout", snapshot.LastError!.Code);
        Assert.Equal(ErrorKind.Timeout, snapshot.LastError.Kind);
        Assert.Equal(ModuleState.Running, _harness.StateOf("pricing"));
    }

    [Fact]
    public async Task StartAll_ModuleHonoursCancellationAtStartTimeout_FailsWithTimeout()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var storage = _harness.Add("storage");
        storage.OnStart = async (_, ct) =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Result.Success();
        };
        var runtime = _harness.Build(o =>
        {
            o.StartTimeout = TimeSpan.FromSeconds(10);
            o.DefaultRestartPolicy = RestartPolicy.Never;
        });

        var starting = runtime.StartAllAsync().AsTask();
        await entered.Task.WaitAsync(RuntimeHarness.Guard); // the start timeout is armed before StartAsync is called
        _harness.Time.Advance(TimeSpan.FromSeconds(10));
        await starting.WaitAsync(RuntimeHarness.Guard);

        Assert.Equal("module.start.timeout", _harness.Snapshot("storage").LastError!.Code);
    }

    [Fact]
    public async Task StartAll_ModuleDisabledInConfiguration_StaysDisabledAndIsNotStarted()
    {
        var alerts = _harness.Add("alerts");
        _harness.Settings["Lodestar:Modules:alerts:Enabled"] = "false";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("alerts"));
        Assert.Equal(0, alerts.Starts);
    }

    [Fact]
    public async Task StartAll_EnabledSettingNotABoolean_StaysDisabledWithErrorNamingTheKey()
    {
        _harness.Add("alerts");
        _harness.Settings["Lodestar:Modules:alerts:Enabled"] = "nope";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("alerts");
        Assert.Equal(ModuleState.Disabled, snapshot.State);
        Assert.Contains("Lodestar:Modules:alerts:Enabled", snapshot.LastError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChanged_HandlerThrows_RuntimeCarriesOn()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();
        runtime.StateChanged += (_, _) => throw new InvalidOperationException("observer bug");

        var started = await runtime.StartAllAsync();

        Assert.True(started.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task EnableAsync_BeforeStartAll_ReturnsNotStarted()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();

        var enabled = await runtime.EnableAsync("storage");

        Assert.Equal("module.runtime.not-started", enabled.Error!.Code);
    }

    [Fact]
    public async Task EnableAsync_UnknownModule_ReturnsNotFound()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        var enabled = await runtime.EnableAsync("nope");

        Assert.Equal(ErrorKind.NotFound, enabled.Error!.Kind);
        Assert.Equal("module.not-found", enabled.Error.Code);
    }

    [Fact]
    public async Task GetSnapshot_RunningModule_ReportsUptimeFromTheClock()
    {
        _harness.Add("storage");
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        _harness.Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(TimeSpan.FromMinutes(3), _harness.Snapshot("storage").Uptime);
    }

    [Fact]
    public async Task GetSnapshot_DisabledModule_HasNoUptime()
    {
        _harness.Add("storage");
        _harness.Settings["Lodestar:Modules:storage:Enabled"] = "false";
        var runtime = _harness.Build();
        await runtime.StartAllAsync();

        Assert.Null(_harness.Snapshot("storage").Uptime);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [Fact]
    public async Task StartAll_StartFails_CallsNeitherStopNorForceStop()
    {
        var storage = _harness.Add("storage");
        storage.OnStart = static (_, _) => new(Error.Unavailable("storage.disk-full", "The disk is full."));
        var runtime = _harness.Build(o => o.DefaultRestartPolicy = RestartPolicy.Never);

        await runtime.StartAllAsync();
        await runtime.StopAllAsync();

        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(0, storage.Stops);
        Assert.Equal(0, storage.ForceStops);
    }
}
