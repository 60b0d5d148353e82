using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>A caller that cancels <c>StartAllAsync</c> gets the same answer whatever the shape of the layer being started.</summary>
public sealed class StartAllCancelledTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StartAll_CallerCancelsDuringALayerOfOneModule_ReturnsCancelled()
    {
        using var caller = new CancellationTokenSource();
        CancelWhileStarting(_harness.Add("a"), caller);
        _harness.Add("b", requires: ["a"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync(caller.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.True(started.IsFailure);
        Assert.Equal(ErrorKind.Cancelled, started.Error.Kind);
        Assert.Equal("module.runtime.start-cancelled", started.Error.Code);
    }

    [Fact]
    public async Task StartAll_CallerCancelsDuringALayerOfSeveralModules_ReturnsCancelled()
    {
        using var caller = new CancellationTokenSource();
        CancelWhileStarting(_harness.Add("a"), caller);
        _harness.Add("c");
        _harness.Add("b", requires: ["a"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync(caller.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.True(started.IsFailure);
        Assert.Equal("module.runtime.start-cancelled", started.Error.Code);
    }

    [Fact]
    public async Task StartAll_CallerCancelsDuringALayer_StartsNoLaterLayer()
    {
        using var caller = new CancellationTokenSource();
        CancelWhileStarting(_harness.Add("a"), caller);
        _harness.Add("x");
        var later = _harness.Add("b", optional: ["a", "x"]);
        var runtime = _harness.Build();

        await runtime.StartAllAsync(caller.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        Assert.Equal(0, later.Starts);
    }

    [Fact]
    public async Task StartAll_CallerCancelsAModulesStart_TheSupervisorDoesNotRestartIt()
    {
        using var caller = new CancellationTokenSource();
        var module = _harness.Add("a");
        CancelWhileStarting(module, caller);
        var runtime = _harness.Build();

        await runtime.StartAllAsync(caller.Token).AsTask().WaitAsync(RuntimeHarness.Guard);

        // A planned restart would be a timer armed by now (its backoff), before StartAllAsync returned.
        Assert.Equal((0, ModuleState.Failed), (_harness.Time.ArmedTimerCount, _harness.StateOf("a")));
    }

    /// <summary>The module's start cancels the caller's token, then honours its own, which the caller's cancels.</summary>
    private static void CancelWhileStarting(TestModule module, CancellationTokenSource caller) =>
        module.OnStart = async (_, ct) =>
        {
            await caller.CancelAsync();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Result.Success();
        };
}
