using Lodestar.Results;

namespace Lodestar.Modules.Tests.Support;

/// <summary>The failure and restart policy the supervision tests share.</summary>
internal static class Restarts
{
    /// <summary>A transient failure, so the supervisor restarts the module.</summary>
    public static readonly Error Crash = Error.Unavailable("storage.crash", "The storage engine crashed.");

    /// <summary>At most <paramref name="maxRestarts"/> restarts a minute, after 1 s, 2 s, 4 s… capped at 30 s.</summary>
    public static RestartPolicy Policy(int maxRestarts) => new()
    {
        MaxRestarts = maxRestarts,
        Window = TimeSpan.FromMinutes(1),
        InitialBackoff = TimeSpan.FromSeconds(1),
        BackoffMultiplier = 2,
        MaxBackoff = TimeSpan.FromSeconds(30),
    };
}
