using Lodestar.Results;
using Lodestar.TestSupport;

namespace Lodestar.Modules.Tests.Lifecycle;

public sealed class ModuleStateMachineTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<ModuleStateChanged> _changes = [];

    [Theory]
    [MemberData(nameof(ModuleTransitionsTests.LegalTransitions), MemberType = typeof(ModuleTransitionsTests))]
    public void Fire_LegalTrigger_ChangesStateAndTellsObserver(ModuleState from, ModuleTrigger trigger, ModuleState to)
    {
        var machine = new ModuleStateMachine("storage", _time, _changes.Add, from);

        var fired = machine.Fire(trigger, "because");

        Assert.True(fired.IsSuccess);
        Assert.Equal(to, machine.State);
        var change = Assert.Single(_changes);
        Assert.Equal(new ModuleStateChanged("storage", from, to, trigger, "because", _time.GetUtcNow()), change);
    }

    [Theory]
    [MemberData(nameof(ModuleTransitionsTests.IllegalTransitions), MemberType = typeof(ModuleTransitionsTests))]
    public void Fire_IllegalTrigger_ReturnsConflictNamingModuleStateAndTrigger(ModuleState from, ModuleTrigger trigger)
    {
        var machine = new ModuleStateMachine("storage", _time, _changes.Add, from);

        var fired = machine.Fire(trigger);

        Assert.True(fired.IsFailure);
        Assert.Equal(ErrorKind.Conflict, fired.Error.Kind);
        Assert.Equal("module.transition.illegal", fired.Error.Code);
        Assert.Contains("'storage'", fired.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{from}'", fired.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{trigger}'", fired.Error.Message, StringComparison.Ordinal);
        Assert.Equal(from, machine.State);
        Assert.Empty(_changes);
    }

    [Fact]
    public async Task Fire_ConcurrentSameTrigger_ExactlyOneWins()
    {
        const int Contenders = 8;
        var machine = new ModuleStateMachine("storage", _time, _ => { });
        using var barrier = new Barrier(Contenders);

        // Dedicated threads, so the barrier never waits for the thread pool to grow.
        var results = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(_ => Task.Factory.StartNew(
            () =>
            {
                barrier.SignalAndWait();
                return machine.Fire(ModuleTrigger.Enable);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Equal(ModuleState.Enabling, machine.State);
    }

    [Fact]
    public void Fire_StampsChangeWithTimeProvider()
    {
        var machine = new ModuleStateMachine("storage", _time, _changes.Add);
        _time.Advance(TimeSpan.FromMinutes(5));

        machine.Fire(ModuleTrigger.Enable);

        Assert.Equal(_time.GetUtcNow(), _changes[0].Timestamp);
    }
}
