using Microsoft.Extensions.Logging.Abstractions;

namespace Lodestar.Modules.Tests.Support;

internal static class BusFactory
{
    public static EventBus Create(AsyncHandlerMode mode = AsyncHandlerMode.Sequential, IServiceProvider? services = null, TestMeterFactory? meters = null) =>
        new(services, new EventBusOptions { AsyncHandlers = mode }, NullLogger.Instance, new LodestarTelemetry(meters));
}
