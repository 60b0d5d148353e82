namespace Lodestar.Modules.Hosting;

/// <summary>Marks a service collection whose health checks already include the modules, so registering them twice adds nothing.</summary>
internal sealed class ModuleHealthChecksMarker;
