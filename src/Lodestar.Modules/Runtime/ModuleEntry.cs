using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>The runtime's bookkeeping for one registered module. Mutated only under the runtime's operation lock, read anywhere.</summary>
internal sealed class ModuleEntry
{
    private readonly List<DateTimeOffset> _restarts = [];

    public ModuleEntry(int index, LodestarModule module, ModuleManifest manifest, RestartPolicy restartPolicy)
    {
        Index = index;
        Module = module;
        Manifest = manifest;
        RestartPolicy = restartPolicy;
        Health = new ModuleHealthState(manifest.Id);
        IdTag = new KeyValuePair<string, object?>(LodestarTelemetry.ModuleIdTag, manifest.Id);
        StartSpanName = "lodestar.start " + manifest.Id;
        StopSpanName = "lodestar.stop " + manifest.Id;
        RestartSpanName = "lodestar.restart " + manifest.Id;
    }

    public int Index { get; }

    public LodestarModule Module { get; }

    public ModuleManifest Manifest { get; }

    public string Id => Manifest.Id;

    public RestartPolicy RestartPolicy { get; }

    /// <summary>The health monitor's bookkeeping for this module.</summary>
    public ModuleHealthState Health { get; }

    /// <summary>The metric tag naming the module, made once.</summary>
    public KeyValuePair<string, object?> IdTag { get; }

    /// <summary>The names of the module's start, stop and restart activities, made once.</summary>
    public string StartSpanName { get; }

    public string StopSpanName { get; }

    public string RestartSpanName { get; }

    public ModuleStateMachine Machine { get; set; } = null!;

    public ModuleContext Context { get; set; } = null!;

    public ModuleEvents Events { get; set; } = null!;

    public ModuleEntry[] Required { get; set; } = [];

    public ModuleEntry[] RequiredDependents { get; set; } = [];

    public ModuleState State => Machine.State;

    /// <summary>Whether someone wants the module on; a Blocked or Failed module with this set resumes or restarts.</summary>
    public volatile bool WantsEnabled;

    public volatile Error? LastError;

    public volatile string[] MissingDependencies = [];

    /// <summary>When the module last reached Running, as UTC ticks; 0 when it is not running.</summary>
    public long RunningSinceUtcTicks;

    /// <summary>Counts the times the module reached Running; a health check counts only for the run it was made in.</summary>
    public long RunNumber;

    /// <summary>The supervisor's restarts since the module was last enabled; planned ones count once they happen.</summary>
    public volatile int RestartCount;

    /// <summary>Set while the module is being stopped, so dependents that stop because of it list it as missing.</summary>
    public volatile bool GoingDown;

    /// <summary>Which restart within its policy's window the pending supervisor restart is (1 for the first).</summary>
    public int PlannedRestart;

    /// <summary>Cancels a pending supervisor restart.</summary>
    public CancellationTokenSource? PendingRestart { get; set; }

    /// <summary>Forgets restarts that left the window ending at <paramref name="now"/> and returns how many remain in it.</summary>
    public int CountRestartsWithin(DateTimeOffset now, TimeSpan window)
    {
        _restarts.RemoveAll(at => now - at >= window);
        return _restarts.Count;
    }

    /// <summary>Records a planned restart against the policy's window; it counts toward the budget even if it is cancelled.</summary>
    public void RecordRestart(DateTimeOffset now) => _restarts.Add(now);

    /// <summary>Counts a restart that happens (see <see cref="RestartCount"/>).</summary>
    public void CountRestart() => RestartCount++;

    public void ResetRestarts()
    {
        _restarts.Clear();
        RestartCount = 0;
    }
}
