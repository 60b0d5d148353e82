using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>The runtime's bookkeeping for one registered module. Mutated only under the runtime's operation lock, read anywhere.</summary>
internal sealed class ModuleEntry
{
    private readonly List<DateTimeOffset> _restarts = [];

    /// <summary>See <see cref="Lingering"/>; set under the operation lock, cleared by the end of the calls it waits for.</summary>
    private Task? _lingering;

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

    /// <summary>
    /// Ends (never faults) once every StartAsync, StopAsync or ForceStop of this module that the
    /// runtime abandoned has ended; <see langword="null"/> when none is left running. The next
    /// StartAsync waits for it, so the module's code never runs concurrently with itself.
    /// </summary>
    public Task? Lingering => Volatile.Read(ref _lingering);

    /// <summary>Names the calls <see cref="Lingering"/> waits for, e.g. "StopAsync and ForceStop", for messages.</summary>
    public string LingeringCalls { get; private set; } = "";

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

    /// <summary>
    /// Remembers <paramref name="abandoned"/>, a call into the module the runtime stopped waiting
    /// for, until it ends; call under the operation lock. It is forgotten as soon as it (and any
    /// other abandoned call still remembered) has ended.
    /// </summary>
    /// <param name="abandoned">The task of the abandoned call.</param>
    /// <param name="call">Its name: StartAsync, StopAsync or ForceStop.</param>
    public void RememberAbandoned(Task abandoned, string call)
    {
        if (abandoned.IsCompleted)
        {
            return;
        }

        // Only the end matters here, not the outcome (a fault is logged by whoever observed it), so
        // the task waited for never faults and nobody has to observe an exception twice.
        var ended = abandoned.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var previous = Lingering;
        if (previous is { IsCompleted: false })
        {
            // A stop abandoned after its graceful timeout and then its ForceStop: wait for both.
            ended = Task.WhenAll(previous, ended);
            call = LingeringCalls + " and " + call;
        }

        LingeringCalls = call;
        Volatile.Write(ref _lingering, ended);

        // Forgotten once it ends, unless a newer one replaced it meanwhile.
        _ = ended.ContinueWith(
            static (task, state) => Interlocked.CompareExchange(ref ((ModuleEntry)state!)._lingering, null, task),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Clears <see cref="LastError"/> when it is the invalid <c>Enabled</c> setting, which no longer explains why the module is off.</summary>
    public void ForgetInvalidEnabledSetting()
    {
        if (LastError?.Code == ModuleErrors.InvalidEnabledSettingCode)
        {
            LastError = null;
        }
    }

    public void ResetRestarts()
    {
        _restarts.Clear();
        RestartCount = 0;
    }
}
