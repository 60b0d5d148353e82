using Microsoft.Extensions.Logging.Abstractions;

namespace Lodestar.Modules.Benchmarks;

internal static class Buses
{
    /// <summary>A bus exactly as the runtime builds it, without a container and without telemetry listeners.</summary>
    public static EventBus Create() => new(null, new EventBusOptions(), NullLogger.Instance, new LodestarTelemetry(null));

    /// <summary>A module's view of <paramref name="bus"/>, as <see cref="ModuleContext.Events"/> is while the module runs.</summary>
    public static ModuleEvents ForModule(EventBus bus, string moduleId)
    {
        var events = new ModuleEvents(bus, moduleId);
        events.Open();
        return events;
    }
}
