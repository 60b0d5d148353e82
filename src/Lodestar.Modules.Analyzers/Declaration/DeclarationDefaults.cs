namespace Lodestar.Modules.Analyzers;

/// <summary>The attribute defaults of the runtime's <c>ModuleDefaults</c>, which the analyzers and the generator assume when an attribute is absent.</summary>
internal static class DeclarationDefaults
{
    public const int HealthCheckIntervalSeconds = 30;
    public const int HealthCheckTimeoutSeconds = 5;
    public const int GracefulStopSeconds = 30;
    public const int ForceStopSeconds = 5;
}
