namespace Lodestar.Modules.Analyzers;

/// <summary>Names of the generator's pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Modules = "Lodestar.Modules";
    public const string Compilation = "Lodestar.Compilation";
    public const string Generation = "Lodestar.Generation";
}
