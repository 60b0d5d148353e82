using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class DependencyGraphTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task StartAll_Cycle_FailsWithTheCycleSpelledOutAndStartsNothing()
    {
        var independent = _harness.Add("independent");
        var a = _harness.Add("a", requires: ["b"]);
        _harness.Add("b", requires: ["c"]);
        _harness.Add("c", requires: ["a"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.Equal("module.graph.cycle", started.Error!.Code);
        Assert.Equal(ErrorKind.Validation, started.Error.Kind);
        Assert.Contains("a -> b -> c -> a", started.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, independent.Starts);
        Assert.Equal(0, a.Starts);
    }

    [Fact]
    public async Task StartAll_OptionalDependencyInCycle_IsStillACycle()
    {
        _harness.Add("a", optional: ["b"]);
        _harness.Add("b", requires: ["a"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.Equal("module.graph.cycle", started.Error!.Code);
    }

    [Fact]
    public async Task StartAll_UnknownRequiredId_FailsNamingModuleAndId()
    {
        var tracker = _harness.Add("usage-tracker", requires: ["storage"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.Equal("module.graph.unknown-dependency", started.Error!.Code);
        Assert.Contains("'usage-tracker' requires 'storage'", started.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, tracker.Starts);
    }

    [Fact]
    public async Task StartAll_UnknownOptionalId_IsIgnored()
    {
        _harness.Add("usage-tracker", optional: ["pricing"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.True(started.IsSuccess);
        Assert.Equal(ModuleState.Running, _harness.StateOf("usage-tracker"));
    }

    [Fact]
    public async Task StartAll_DuplicateId_FailsAndStartsNothing()
    {
        var first = _harness.Add("storage");
        var second = _harness.Add("storage");
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.Equal("module.graph.duplicate-id", started.Error!.Code);
        Assert.Contains("'storage'", started.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, first.Starts + second.Starts);
    }

    [Fact]
    public async Task StartAll_SeveralProblems_ReportsThemAll()
    {
        _harness.Add("storage");
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["missing"]);
        var runtime = _harness.Build();

        var started = await runtime.StartAllAsync();

        Assert.Equal("module.graph.invalid", started.Error!.Code);
        Assert.Contains("module.graph.duplicate-id", started.Error.Details["problem.1"], StringComparison.Ordinal);
        Assert.Contains("module.graph.unknown-dependency", started.Error.Details["problem.2"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAll_Chain_StartsDependenciesFirstAndStopsThemLast()
    {
        var order = new List<string>();
        foreach (var (id, requires) in new[] { ("c", new[] { "b" }), ("b", new[] { "a" }), ("a", Array.Empty<string>()) })
        {
            var module = _harness.Add(id, requires: requires);
            module.OnStart = (context, _) =>
            {
                lock (order)
                {
                    order.Add("start " + context.ModuleId);
                }

                return new(Result.Success());
            };
            module.OnStop = (context, _) =>
            {
                lock (order)
                {
                    order.Add("stop " + context.ModuleId);
                }

                return default;
            };
        }

        var runtime = _harness.Build();

        await runtime.StartAllAsync();
        await runtime.StopAllAsync();

        Assert.Equal(["start a", "start b", "start c", "stop c", "stop b", "stop a"], order);
    }

    [Fact]
    public async Task GetSnapshots_ListsModulesInStartOrder()
    {
        _harness.Add("tracker", requires: ["storage"]);
        _harness.Add("storage");
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(["storage", "tracker"], runtime.GetSnapshots().Select(s => s.Id));
    }
}
