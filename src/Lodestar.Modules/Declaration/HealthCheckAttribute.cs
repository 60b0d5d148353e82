namespace Lodestar.Modules;

/// <summary>Sets how often a module's health is checked and how long one check may take.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class HealthCheckAttribute : Attribute
{
    /// <summary>Gets or sets the seconds between two health checks.</summary>
    /// <value>The default value is 30.</value>
    public int IntervalSeconds { get; set; } = ModuleDefaults.HealthCheckIntervalSeconds;

    /// <summary>Gets or sets the seconds one check may take before it reads as down. Must not exceed <see cref="IntervalSeconds"/>.</summary>
    /// <value>The default value is 5.</value>
    public int TimeoutSeconds { get; set; } = ModuleDefaults.HealthCheckTimeoutSeconds;
}
