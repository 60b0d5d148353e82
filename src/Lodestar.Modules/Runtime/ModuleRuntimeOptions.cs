namespace Lodestar.Modules;

/// <summary>Settings of the module runtime: start-up parallelism, start timeout, restart policies and health alert rules.</summary>
public sealed class ModuleRuntimeOptions
{
    /// <summary>Gets or sets how many modules of one dependency layer may start (or stop) at once.</summary>
    /// <value>The default value is 32.</value>
    public int MaxDegreeOfParallelism { get; set; } = 32;

    /// <summary>Gets or sets how long one module's <c>StartAsync</c> may take before it fails with a timeout: positive, and at most about 24.8 days (<see cref="int.MaxValue"/> ms, the longest a timer waits).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the restart policy of modules that have none in <see cref="RestartPolicies"/>.</summary>
    /// <value>The default value is a policy of 3 restarts per minute with a 1 s backoff that doubles up to 30 s.</value>
    public RestartPolicy DefaultRestartPolicy { get; set; } = new();

    /// <summary>
    /// Gets restart policies by module id (case-sensitive), overriding <see cref="DefaultRestartPolicy"/>.
    /// A key that is not the id of a registered module applies to none; the runtime logs a warning
    /// (event 2003) naming it when it is created, and runs anyway.
    /// </summary>
    public IDictionary<string, RestartPolicy> RestartPolicies { get; } = new Dictionary<string, RestartPolicy>(StringComparer.Ordinal);

    /// <summary>Gets the alert rules of the health monitor: when a running module reads degraded.</summary>
    public HealthMonitorOptions Health { get; } = new();

    /// <summary>The longest start timeout or restart backoff: <see cref="int.MaxValue"/> milliseconds, like a module's declared timeouts, which every timer accepts.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(ModuleDeclarationRules.MaxTimeoutSeconds);

    internal RestartPolicy RestartPolicyFor(string moduleId) =>
        RestartPolicies.TryGetValue(moduleId, out var policy) ? policy : DefaultRestartPolicy;

    internal void Validate()
    {
        if (MaxDegreeOfParallelism < 1)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it must be at least 1.");
        }

        if (StartTimeout <= TimeSpan.Zero || StartTimeout > LongestWait)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.StartTimeout is {StartTimeout}; it must be positive and at most {LongestWait} (about 24 days, the longest a timer waits).");
        }

        Health.Validate();
        ValidatePolicy("DefaultRestartPolicy", DefaultRestartPolicy);
        foreach (var (id, policy) in RestartPolicies)
        {
            ValidatePolicy($"RestartPolicies[\"{id}\"]", policy);
        }
    }

    private static void ValidatePolicy(string name, RestartPolicy? policy)
    {
        if (policy is null)
        {
            throw new InvalidOperationException($"ModuleRuntimeOptions.{name} is null; use RestartPolicy.Never to turn restarts off.");
        }

        if (policy.MaxRestarts < 0 || policy.Window <= TimeSpan.Zero || policy.InitialBackoff < TimeSpan.Zero
            || policy.MaxBackoff < policy.InitialBackoff || policy.BackoffMultiplier < 1.0)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.{name} is inconsistent: MaxRestarts ({policy.MaxRestarts}) must be >= 0, Window ({policy.Window}) positive, " +
                $"InitialBackoff ({policy.InitialBackoff}) >= 0 and <= MaxBackoff ({policy.MaxBackoff}), BackoffMultiplier ({policy.BackoffMultiplier}) >= 1.");
        }

        // The supervisor waits out each backoff on a timer; the longest one the policy reaches is that of its last restart.
        if (policy.MaxRestarts > 0 && policy.GetBackoff(policy.MaxRestarts - 1) is var longest && longest > LongestWait)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.{name} reaches a backoff of {longest} before restart {policy.MaxRestarts}, longer than a timer waits ({LongestWait}, about 24 days). " +
                $"Lower MaxBackoff ({policy.MaxBackoff}) to at most {LongestWait}.");
        }
    }
}
