namespace Lodestar.Modules;

/// <summary>
/// The health monitor's bookkeeping for one module: its last check, the last status told to
/// observers, the cached reports of its fixed states and samples of its event handlers' deliveries and failures.
/// </summary>
internal sealed class ModuleHealthState
{
    private readonly Lock _samplesGate = new();
    private readonly LinkedList<(DateTimeOffset At, long Delivered, long Failed)> _samples = new([(DateTimeOffset.MinValue, 0L, 0L)]);
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

    /// <summary>Gets the changes decided but not yet told, oldest first; used under <see cref="Gate"/>.</summary>
    public Queue<ModuleHealthChanged> Untold { get; } = new();

    /// <summary>Gets or sets whether a thread is telling this module's changes; used under <see cref="Gate"/>.</summary>
    public bool Telling { get; set; }

    /// <summary>
    /// Gets or sets the module's check under way, which every check asked for meanwhile joins; used
    /// under <see cref="Gate"/>. It completes with the report read once the check's result landed, or
    /// with <see langword="null"/> when the monitor stopping cancelled it (its result never lands).
    /// Cleared in the same hold of the gate that stores the result, so a check that begins after it
    /// also lands after it.
    /// </summary>
    public Task<HealthReport?>? Checking { get; set; }

    /// <summary>Frees <see cref="Checking"/> if <paramref name="check"/> still holds it; call under <see cref="Gate"/>.</summary>
    public void EndCheck(Task<HealthReport?> check)
    {
        if (Checking == check)
        {
            Checking = null;
        }
    }

    /// <summary>The cached report of a module that is enabling or starting.</summary>
    public HealthReport Starting { get; }

    /// <summary>The cached report of a module that is stopping.</summary>
    public HealthReport Stopping { get; }

    /// <summary>The cached report of a disabled module.</summary>
    public HealthReport Disabled { get; }

    /// <summary>
    /// Gets or sets the report of a module kept off by an invalid <c>Enabled</c> setting, made for the
    /// error it carries; rebuilt when the module's last error is another one.
    /// </summary>
    public HealthReport? DisabledByInvalidSetting { get; set; }

    /// <summary>Keeps the exception of the module's most recent event handler failure.</summary>
    public void RecordHandlerFailure(Exception exception)
    {
        lock (_samplesGate)
        {
            _lastFailure = exception;
        }
    }

    /// <summary>
    /// Records the module's running totals of handler deliveries and failures at <paramref name="now"/>
    /// and returns how many of each fell within <paramref name="window"/>: the difference from the
    /// newest earlier sample that is at least a window old (or from registration, when none is),
    /// with the most recent failure's exception when there were failures.
    /// </summary>
    public HandlerFailureWindow SampleHandlerCounts(DateTimeOffset now, TimeSpan window, long delivered, long failed)
    {
        lock (_samplesGate)
        {
            // Saturated: a window longer than the clock reaches back (TimeSpan.MaxValue, "the whole run")
            // starts before every sample instead of throwing out of every check of the module.
            var windowStart = window.Ticks >= (now - DateTimeOffset.MinValue).Ticks ? DateTimeOffset.MinValue : now - window;
            while (_samples.First!.Next is { } second && second.Value.At <= windowStart)
            {
                _samples.RemoveFirst();
            }

            var baseline = _samples.First!.Value;
            _samples.AddLast((now, delivered, failed));
            var failures = failed - baseline.Failed;

            // A delivery is counted before its handler runs, except the first failure of a channel's
            // handlers, which starts the counting; never report fewer deliveries than failures.
            var deliveries = Math.Max(delivered - baseline.Delivered, failures);
            return new HandlerFailureWindow(deliveries, failures, failures > 0 ? _lastFailure : null);
        }
    }
}
