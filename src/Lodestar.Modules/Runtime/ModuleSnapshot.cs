using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>A point-in-time view of one module, for dashboards, health endpoints and tests.</summary>
public sealed class ModuleSnapshot
{
    internal ModuleSnapshot(
        string id,
        string version,
        string? description,
        ModuleState state,
        IReadOnlyList<string> activeCapabilities,
        IReadOnlyList<string> missingDependencies,
        Error? lastError,
        TimeSpan? uptime,
        int restartCount,
        bool isEnabled,
        HealthReport health)
    {
        Id = id;
        Version = version;
        Description = description;
        State = state;
        ActiveCapabilities = activeCapabilities;
        MissingDependencies = missingDependencies;
        LastError = lastError;
        Uptime = uptime;
        RestartCount = restartCount;
        IsEnabled = isEnabled;
        Health = health;
    }

    /// <summary>Gets the module id.</summary>
    public string Id { get; }

    /// <summary>Gets the module version.</summary>
    public string Version { get; }

    /// <summary>Gets the module description.</summary>
    public string? Description { get; }

    /// <summary>Gets the module's state.</summary>
    public ModuleState State { get; }

    /// <summary>Gets the capabilities that are active now.</summary>
    public IReadOnlyList<string> ActiveCapabilities { get; }

    /// <summary>Gets the required dependencies that keep the module <see cref="ModuleState.Blocked"/>; empty otherwise.</summary>
    public IReadOnlyList<string> MissingDependencies { get; }

    /// <summary>Gets the most recent error: why it failed, or what went wrong when it last stopped.</summary>
    public Error? LastError { get; }

    /// <summary>Gets how long the module has been running; <see langword="null"/> when it is not running.</summary>
    public TimeSpan? Uptime { get; }

    /// <summary>Gets how many times the supervisor restarted the module since it was last enabled.</summary>
    public int RestartCount { get; }

    /// <summary>
    /// Gets whether the module is wanted on: enabled in configuration or by a call, and not disabled
    /// since. A wanted module that is <see cref="ModuleState.Blocked"/> or <see cref="ModuleState.Failed"/>
    /// counts towards the aggregate health; one that is not wanted does not.
    /// </summary>
    public bool IsEnabled { get; }

    /// <summary>Gets the module's health: its last check while it runs (see <see cref="IModuleHealthMonitor"/>), otherwise the report of its state.</summary>
    public HealthReport Health { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id}@{Version} {State}";
}
