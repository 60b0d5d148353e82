namespace Lodestar.Modules;

/// <summary>What makes a module change state. <see cref="ModuleTransitions"/> maps each (state, trigger) pair.</summary>
public enum ModuleTrigger
{
    /// <summary>Someone wants the module on: start-up, an operator, or re-enabling a failed module.</summary>
    Enable = 0,

    /// <summary>Every required dependency is running.</summary>
    DependenciesReady,

    /// <summary>A required dependency is not running.</summary>
    DependenciesMissing,

    /// <summary><c>StartAsync</c> succeeded.</summary>
    Started,

    /// <summary>Start failed, the module reported a failure, or it could not be stopped.</summary>
    Fault,

    /// <summary>The runtime begins stopping a running module.</summary>
    Stop,

    /// <summary>The module finished stopping.</summary>
    Stopped,

    /// <summary>Someone wants the module off while it is not running.</summary>
    Disable,

    /// <summary>The supervisor restarts a failed module under its restart policy.</summary>
    Restart,
}
