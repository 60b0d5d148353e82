namespace Lodestar.Modules;

/// <summary>
/// Bounds how long a module may take to stop: first a graceful stop, then a forced one, after
/// which the runtime abandons the module and reports it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ShutdownAttribute : Attribute
{
    /// <summary>Gets or sets the seconds the graceful <c>StopAsync</c> may take.</summary>
    /// <value>The default value is 30.</value>
    public int GracefulSeconds { get; set; } = ModuleDefaults.GracefulStopSeconds;

    /// <summary>Gets or sets the seconds <c>ForceStop</c> may take after a graceful stop overran or failed.</summary>
    /// <value>The default value is 5.</value>
    public int ForceSeconds { get; set; } = ModuleDefaults.ForceStopSeconds;
}
