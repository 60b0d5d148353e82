namespace Lodestar.Modules;

/// <summary>
/// The health monitor's bookkeeping for one module: its last check, the last status told to
/// observers, the cached reports of its fixed states and its recent event handler failures.
/// </summary>
internal sealed class ModuleHealthState
{
    private readonly Lock _failuresGate = new();
    private readonly Queue<DateTimeOffset> _failures = new();
    private Exception? _lastFailure;

    public ModuleHealthState(string moduleId)
    {
        Starting = new HealthReport(HealthStatus.Degraded, $"Module '{moduleId}' is starting.");
        Stopping = new HealthReport(HealthStatus.Degraded, $"Module '{moduleId}' is stopping.");
        Disabled = new HealthReport(HealthStatus.Down, $"Module '{moduleId}' is disabled. Enable it to run it.");
    }

    /// <summary>Guards <see cref="LastCheck"/>, <see cref="LastCheckRun"/> and <see cref="LastStatus"/>; changes are told to observers under it, in order.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The report of the last check of the current run; stale when <see cref="LastCheckRun"/> is not the module's current run.</summary>
    public HealthReport? LastCheck { get; set; }

    /// <summary>The run (<see cref="ModuleEntry.RunNumber"/>) <see cref="LastCheck"/> belongs to.</summary>
    public long LastCheckRun { get; set; }

    /// <summary>The last status seen; <see langword="null"/> until the first one, which is a baseline and not a change.</summary>
    public HealthStatus? LastStatus { get; set; }

    /// <summary>The cached report of a module that is enabling or starting.</summary>
    public HealthReport Starting { get; }

    /// <summary>The cached report of a module that is stopping.</summary>
    public HealthReport Stopping { get; }

    /// <summary>The cached report of a disabled module.</summary>
    public HealthReport Disabled { get; }

    /// <summary>Records that one of the module's event handlers failed at <paramref name="now"/>.</summary>
    public void RecordHandlerFailure(DateTimeOffset now, TimeSpan window, Exception exception)
    {
        lock (_failuresGate)
        {
            Prune(now, window);
            _failures.Enqueue(now);
            _lastFailure = exception;
        }
    }

    /// <summary>Counts the handler failures within <paramref name="window"/> before <paramref name="now"/>, and returns the most recent one's exception.</summary>
    public (int Count, Exception? Last) CountHandlerFailures(DateTimeOffset now, TimeSpan window)
    {
        lock (_failuresGate)
        {
            Prune(now, window);
            return (_failures.Count, _failures.Count == 0 ? null : _lastFailure);
        }
    }

    private void Prune(DateTimeOffset now, TimeSpan window)
    {
        while (_failures.Count > 0 && now - _failures.Peek() >= window)
        {
            _failures.Dequeue();
        }
    }
}
