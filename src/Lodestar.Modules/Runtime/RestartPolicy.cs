using System.ComponentModel.DataAnnotations;

namespace Lodestar.Modules;

/// <summary>
/// How the supervisor restarts a failed module: at most <see cref="MaxRestarts"/> restarts within
/// <see cref="Window"/>, each after an exponentially growing backoff. Past the limit the module stays
/// <see cref="ModuleState.Failed"/> until it is enabled again.
/// </summary>
public sealed class RestartPolicy
{
    /// <summary>Gets a policy that never restarts.</summary>
    public static RestartPolicy Never { get; } = new() { MaxRestarts = 0 };

    /// <summary>Gets or sets the most restarts allowed within <see cref="Window"/>.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, int.MaxValue)]
    public int MaxRestarts { get; init; } = 3;

    /// <summary>Gets or sets the sliding window in which restarts are counted.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the delay before the first restart.</summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest delay between restarts. The longest backoff the policy reaches (before its
    /// last restart within the window) must be at most about 24.8 days (<see cref="int.MaxValue"/> ms, the
    /// longest a timer waits), or the runtime refuses the options when it is created.
    /// </summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the factor by which the delay grows with each restart in the window.</summary>
    /// <value>The default value is 2.</value>
    [Range(1.0, 100.0)]
    public double BackoffMultiplier { get; init; } = 2.0;

    /// <summary>Computes the delay before restart number <paramref name="restartsInWindow"/> + 1.</summary>
    /// <param name="restartsInWindow">The restarts already made within the window.</param>
    /// <returns>The backoff, at most <see cref="MaxBackoff"/>.</returns>
    public TimeSpan GetBackoff(int restartsInWindow)
    {
        var ticks = InitialBackoff.Ticks * Math.Pow(BackoffMultiplier, Math.Max(0, restartsInWindow));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
