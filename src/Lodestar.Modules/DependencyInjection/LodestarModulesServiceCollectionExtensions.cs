using Lodestar.Modules;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Lodestar.Modules runtime in a service collection.</summary>
public static class LodestarModulesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the module runtime (<see cref="IModuleRuntime"/>), its health monitor
    /// (<see cref="IModuleHealthMonitor"/>, not started: call <see cref="IModuleHealthMonitor.Start"/>),
    /// an allow-all <see cref="IModuleAuthorizer"/> unless one is registered, and the event bus (<see cref="IEventBus"/>,
    /// also as <see cref="IEventPublisher"/> and <see cref="IEventSubscriber"/>) without any host integration:
    /// the caller starts it with <see cref="IModuleRuntime.StartAllAsync"/> and stops it with
    /// <see cref="IModuleRuntime.StopAllAsync"/>. Applications on the Generic Host call
    /// <c>AddLodestarModules</c> from <c>Lodestar.Modules.Hosting</c> instead. Calling it again, with the
    /// same configuration, returns a builder over the same modules.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration modules read their settings from.</param>
    /// <returns>A builder to add modules with.</returns>
    /// <exception cref="ArgumentException">It was called on <paramref name="services"/> before with another configuration.</exception>
    public static LodestarModulesBuilder AddLodestarModulesCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        ModuleRegistry? registry = null;
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(ModuleRegistry) && descriptor.ImplementationInstance is ModuleRegistry existing)
            {
                registry = existing;
                break;
            }
        }

        if (registry is not null && !ReferenceEquals(registry.Configuration, configuration))
        {
            throw new ArgumentException(
                "AddLodestarModules (or AddLodestarModulesCore) was called on this service collection before, with another IConfiguration; the modules read their settings " +
                $"('{ModuleConfiguration.ModulesSection}:<id>') from that first one, so this one would be ignored. Pass the same configuration to every call (e.g. builder.Configuration).",
                nameof(configuration));
        }

        if (registry is null)
        {
            registry = new ModuleRegistry(configuration);
            services.AddSingleton(registry);
            services.AddOptions<ModuleRuntimeOptions>();
            services.AddOptions<EventBusOptions>();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton(provider => new LodestarTelemetry(provider.GetService<IMeterFactory>()));
            services.TryAddSingleton(provider => new EventBus(
                provider,
                provider.GetRequiredService<IOptions<EventBusOptions>>().Value,
                LoggerFactoryOf(provider).CreateLogger("Lodestar.Modules.Events"),
                provider.GetRequiredService<LodestarTelemetry>()));
            services.TryAddSingleton<IEventBus>(provider => provider.GetRequiredService<EventBus>());
            services.TryAddSingleton<IEventPublisher>(provider => provider.GetRequiredService<EventBus>());
            services.TryAddSingleton<IEventSubscriber>(provider => provider.GetRequiredService<EventBus>());
            services.TryAddSingleton(typeof(IEventPublisher<>), typeof(EventPublisher<>));
            services.TryAddSingleton<IModuleAuthorizer>(AllowAllModuleAuthorizer.Instance);
            services.TryAddSingleton(provider => new ModuleRuntime(
                registry.Take("the module runtime was created"),
                provider,
                configuration,
                provider.GetRequiredService<IOptions<ModuleRuntimeOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                LoggerFactoryOf(provider),
                provider.GetRequiredService<EventBus>(),
                provider.GetRequiredService<LodestarTelemetry>(),
                provider.GetRequiredService<IModuleAuthorizer>()));
            services.TryAddSingleton<IModuleRuntime>(provider => provider.GetRequiredService<ModuleRuntime>());
            services.TryAddSingleton<IModuleHealthMonitor>(provider => provider.GetRequiredService<ModuleRuntime>().Health);
        }

        return new LodestarModulesBuilder(services, configuration, registry);
    }

    private static ILoggerFactory LoggerFactoryOf(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
}
