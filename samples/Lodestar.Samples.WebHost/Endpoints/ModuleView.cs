using Lodestar.Modules;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>A module as <c>GET /modules</c> shows it.</summary>
/// <param name="Id">The module id.</param>
/// <param name="Version">The module version.</param>
/// <param name="Description">What the module does.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Enabled">Whether the module is wanted on.</param>
/// <param name="Health">The module's health, in the seeds' shape.</param>
/// <param name="Capabilities">The capabilities that are active now.</param>
/// <param name="MissingDependencies">The required dependencies that keep it blocked.</param>
/// <param name="LastError">The most recent error, if any.</param>
/// <param name="UptimeSeconds">How long it has been running.</param>
/// <param name="RestartCount">How often the supervisor restarted it since it was last enabled.</param>
public sealed record ModuleView(
    string Id,
    string Version,
    string? Description,
    string State,
    bool Enabled,
    HealthView Health,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> MissingDependencies,
    ErrorView? LastError,
    double? UptimeSeconds,
    int RestartCount)
{
    /// <summary>Makes the view of a snapshot.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The view.</returns>
    public static ModuleView Of(ModuleSnapshot snapshot) => new(
        snapshot.Id,
        snapshot.Version,
        snapshot.Description,
        snapshot.State.ToString(),
        snapshot.IsEnabled,
        HealthView.Of(snapshot.Health),
        snapshot.ActiveCapabilities,
        snapshot.MissingDependencies,
        ErrorView.Of(snapshot.LastError),
        snapshot.Uptime is { } uptime ? Math.Round(uptime.TotalSeconds, 1) : null,
        snapshot.RestartCount);
}
