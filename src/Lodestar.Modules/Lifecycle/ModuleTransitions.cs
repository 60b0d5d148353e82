namespace Lodestar.Modules;

/// <summary>
/// The module lifecycle as one transition table. Every state change of every module goes
/// through <see cref="TryGetTarget"/>; a pair that is not in the table is illegal.
/// </summary>
public static class ModuleTransitions
{
    private const int NoTarget = -1;

    private static readonly ModuleTransition[] Table =
    [
        new(ModuleState.Disabled, ModuleTrigger.Enable, ModuleState.Enabling),

        new(ModuleState.Enabling, ModuleTrigger.DependenciesReady, ModuleState.Starting),
        new(ModuleState.Enabling, ModuleTrigger.DependenciesMissing, ModuleState.Blocked),
        new(ModuleState.Enabling, ModuleTrigger.Disable, ModuleState.Disabled),

        new(ModuleState.Blocked, ModuleTrigger.DependenciesReady, ModuleState.Starting),
        new(ModuleState.Blocked, ModuleTrigger.Disable, ModuleState.Disabled),

        new(ModuleState.Starting, ModuleTrigger.Started, ModuleState.Running),
        new(ModuleState.Starting, ModuleTrigger.Fault, ModuleState.Failed),

        new(ModuleState.Running, ModuleTrigger.Stop, ModuleState.Stopping),

        new(ModuleState.Stopping, ModuleTrigger.Stopped, ModuleState.Disabled),
        new(ModuleState.Stopping, ModuleTrigger.DependenciesMissing, ModuleState.Blocked),
        new(ModuleState.Stopping, ModuleTrigger.Fault, ModuleState.Failed),

        new(ModuleState.Failed, ModuleTrigger.Enable, ModuleState.Enabling),
        new(ModuleState.Failed, ModuleTrigger.Restart, ModuleState.Enabling),
        new(ModuleState.Failed, ModuleTrigger.Disable, ModuleState.Disabled),
    ];

    private static readonly int StateCount = Enum.GetValues<ModuleState>().Length;
    private static readonly int TriggerCount = Enum.GetValues<ModuleTrigger>().Length;
    private static readonly int[] Lookup = BuildLookup();

    /// <summary>Gets every legal transition, in table order.</summary>
    public static IReadOnlyList<ModuleTransition> All => Table;

    /// <summary>Looks up where <paramref name="trigger"/> leads from <paramref name="from"/>.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="trigger">What happened.</param>
    /// <param name="to">The next state, when the transition is legal.</param>
    /// <returns><see langword="true"/> when the table has the pair.</returns>
    public static bool TryGetTarget(ModuleState from, ModuleTrigger trigger, out ModuleState to)
    {
        var index = ((int)from * TriggerCount) + (int)trigger;
        if ((uint)from < (uint)StateCount && (uint)trigger < (uint)TriggerCount && Lookup[index] != NoTarget)
        {
            to = (ModuleState)Lookup[index];
            return true;
        }

        to = from;
        return false;
    }

    /// <summary>Lists the triggers that are legal in <paramref name="state"/>, for error messages.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The legal triggers, comma-separated.</returns>
    internal static string DescribeTriggersFrom(ModuleState state)
    {
        var names = new List<string>();
        foreach (var transition in Table)
        {
            if (transition.From == state)
            {
                names.Add(transition.Trigger.ToString());
            }
        }

        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static int[] BuildLookup()
    {
        var lookup = new int[StateCount * TriggerCount];
        Array.Fill(lookup, NoTarget);
        foreach (var transition in Table)
        {
            lookup[((int)transition.From * TriggerCount) + (int)transition.Trigger] = (int)transition.To;
        }

        return lookup;
    }
}
