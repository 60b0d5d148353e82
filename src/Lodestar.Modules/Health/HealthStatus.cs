namespace Lodestar.Modules;

/// <summary>How well a module (or a resource it owns) is working. Ordered from best to worst.</summary>
public enum HealthStatus
{
    /// <summary>Working normally.</summary>
    Healthy = 0,

    /// <summary>Working, but slow, backed up or failing part of the time.</summary>
    Degraded = 1,

    /// <summary>Not working.</summary>
    Down = 2,
}
