namespace Lodestar.Modules;

/// <summary>Default values of the module attributes.</summary>
internal static class ModuleDefaults
{
    public const int HealthCheckIntervalSeconds = 30;
    public const int HealthCheckTimeoutSeconds = 5;
    public const int GracefulStopSeconds = 30;
    public const int ForceStopSeconds = 5;
}
