namespace Lodestar.Modules;

/// <summary>Where a module is in its lifecycle. <see cref="ModuleTransitions"/> lists every legal change.</summary>
public enum ModuleState
{
    /// <summary>Off: not wanted, or stopped. The initial state.</summary>
    Disabled = 0,

    /// <summary>Wanted on; the runtime is checking its required dependencies.</summary>
    Enabling,

    /// <summary>Wanted on, but a required dependency is not running. Resumes by itself when they all run.</summary>
    Blocked,

    /// <summary>Its <c>StartAsync</c> is running.</summary>
    Starting,

    /// <summary>Started and serving.</summary>
    Running,

    /// <summary>Its <c>StopAsync</c> (then, if needed, <c>ForceStop</c>) is running.</summary>
    Stopping,

    /// <summary>Start or run failed, or it could not be stopped; the error is kept. The supervisor may restart it.</summary>
    Failed,
}
