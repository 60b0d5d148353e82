using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// One module's state, changed only through <see cref="ModuleTransitions"/>. A change is atomic
/// under concurrent calls, and observers are told of it in the order the changes happened.
/// </summary>
internal sealed class ModuleStateMachine
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Action<ModuleStateChanged> _onChanged;
    private volatile ModuleState _state;

    /// <param name="moduleId">The module's id, for messages.</param>
    /// <param name="timeProvider">The clock that stamps each change.</param>
    /// <param name="onChanged">Told of every change, synchronously and in order, on the thread that made it.</param>
    /// <param name="initial">The initial state.</param>
    public ModuleStateMachine(string moduleId, TimeProvider timeProvider, Action<ModuleStateChanged> onChanged, ModuleState initial = ModuleState.Disabled)
    {
        ModuleId = moduleId;
        _timeProvider = timeProvider;
        _onChanged = onChanged;
        _state = initial;
    }

    public string ModuleId { get; }

    public ModuleState State => _state;

    /// <summary>Applies <paramref name="trigger"/> if the table allows it in the current state.</summary>
    /// <returns>The change, or a <see cref="ErrorKind.Conflict"/> error naming the module, the state and the trigger.</returns>
    public Result<ModuleStateChanged> Fire(ModuleTrigger trigger, string? reason = null)
    {
        lock (_gate)
        {
            var from = _state;
            if (!ModuleTransitions.TryGetTarget(from, trigger, out var to))
            {
                return ModuleErrors.IllegalTransition(ModuleId, from, trigger);
            }

            _state = to;
            var change = new ModuleStateChanged(ModuleId, from, to, trigger, reason, _timeProvider.GetUtcNow());

            // Told inside the lock so observers see one module's changes in the order they happened.
            _onChanged(change);
            return change;
        }
    }
}
