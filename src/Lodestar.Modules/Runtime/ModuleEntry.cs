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
    }

    public int Index { get; }

    public LodestarModule Module { get; }

    public ModuleManifest Manifest { get; }

    public string Id => Manifest.Id;

    public RestartPolicy RestartPolicy { get; }

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

    public volatile int RestartCount;

    /// <summary>Cancels a pending supervisor restart.</summary>
    public CancellationTokenSource? PendingRestart { get; set; }

    /// <summary>Forgets restarts that left the window ending at <paramref name="now"/> and returns how many remain in it.</summary>
    public int CountRestartsWithin(DateTimeOffset now, TimeSpan window)
    {
        _restarts.RemoveAll(at => now - at >= window);
        return _restarts.Count;
    }

    public void RecordRestart(DateTimeOffset now)
    {
        _restarts.Add(now);
        RestartCount++;
    }

    public void ResetRestarts()
    {
        _restarts.Clear();
        RestartCount = 0;
    }
}
