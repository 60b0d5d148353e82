namespace Lodestar.Modules.Tests.Lifecycle;

public sealed class ModuleTransitionsTests
{
    /// <summary>The lifecycle as specified (ARCHITECTURE.md), written out independently of the table under test.</summary>
    private static readonly (ModuleState From, ModuleTrigger Trigger, ModuleState To)[] Specified =
    [
        (ModuleState.Disabled, ModuleTrigger.Enable, ModuleState.Enabling),
        (ModuleState.Enabling, ModuleTrigger.DependenciesReady, ModuleState.Starting),
        (ModuleState.Enabling, ModuleTrigger.DependenciesMissing, ModuleState.Blocked),
        (ModuleState.Enabling, ModuleTrigger.Disable, ModuleState.Disabled),
        (ModuleState.Blocked, ModuleTrigger.DependenciesReady, ModuleState.Starting),
        (ModuleState.Blocked, ModuleTrigger.Disable, ModuleState.Disabled),
        (ModuleState.Starting, ModuleTrigger.Started, ModuleState.Running),
        (ModuleState.Starting, ModuleTrigger.Fault, ModuleState.Failed),
        (ModuleState.Running, ModuleTrigger.Stop, ModuleState.Stopping),
        (ModuleState.Stopping, ModuleTrigger.Stopped, ModuleState.Disabled),
        (ModuleState.Stopping, ModuleTrigger.DependenciesMissing, ModuleState.Blocked),
        (ModuleState.Stopping, ModuleTrigger.Fault, ModuleState.Failed),
        (ModuleState.Failed, ModuleTrigger.Enable, ModuleState.Enabling),
        (ModuleState.Failed, ModuleTrigger.Restart, ModuleState.Enabling),
        (ModuleState.Failed, ModuleTrigger.Disable, ModuleState.Disabled),
    ];

    public static TheoryData<ModuleState, ModuleTrigger, ModuleState> LegalTransitions()
    {
        var data = new TheoryData<ModuleState, ModuleTrigger, ModuleState>();
        foreach (var (from, trigger, to) in Specified)
        {
            data.Add(from, trigger, to);
        }

        return data;
    }

    public static TheoryData<ModuleState, ModuleTrigger> IllegalTransitions()
    {
        var data = new TheoryData<ModuleState, ModuleTrigger>();
        foreach (var state in Enum.GetValues<ModuleState>())
        {
            foreach (var trigger in Enum.GetValues<ModuleTrigger>())
            {
                if (!Specified.Any(t => t.From == state && t.Trigger == trigger))
                {
                    data.Add(state, trigger);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void TryGetTarget_LegalPair_LeadsToSpecifiedState(ModuleState from, ModuleTrigger trigger, ModuleState expected)
    {
        Assert.True(ModuleTransitions.TryGetTarget(from, trigger, out var to));
        Assert.Equal(expected, to);
    }

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void TryGetTarget_IllegalPair_IsRejected(ModuleState from, ModuleTrigger trigger)
    {
        Assert.False(ModuleTransitions.TryGetTarget(from, trigger, out var to));
        Assert.Equal(from, to);
    }

    [Fact]
    public void All_ListsExactlyTheSpecifiedTransitions()
    {
        var expected = Specified.Select(t => new ModuleTransition(t.From, t.Trigger, t.To)).ToHashSet();

        Assert.Equal(expected, ModuleTransitions.All.ToHashSet());
        Assert.Equal(Specified.Length, ModuleTransitions.All.Count);
    }

    [Fact]
    public void TryGetTarget_UndefinedEnumValue_IsRejected()
    {
        Assert.False(ModuleTransitions.TryGetTarget((ModuleState)99, ModuleTrigger.Enable, out _));
        Assert.False(ModuleTransitions.TryGetTarget(ModuleState.Disabled, (ModuleTrigger)99, out _));
    }
}
