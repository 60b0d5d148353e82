using Lodestar.Modules;
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
    /// Registers the module runtime (<see cref="IModuleRuntime"/>) without any host integration:
    /// the caller starts it with <see cref="IModuleRuntime.StartAllAsync"/> and stops it with
    /// <see cref="IModuleRuntime.StopAllAsync"/>. Applications on the Generic Host call
    /// <c>AddLodestarModules</c> from <c>Lodestar.Modules.Hosting</c> instead. Calling it again
    /// returns a builder over the same modules.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration modules read their settings from.</param>
    /// <returns>A builder to add modules with.</returns>
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

        if (registry is null)
        {
            registry = new ModuleRegistry();
            services.AddSingleton(registry);
            services.AddOptions<ModuleRuntimeOptions>();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<IModuleRuntime>(provider => new ModuleRuntime(
                registry.Registrations,
                provider,
                configuration,
                provider.GetRequiredService<IOptions<ModuleRuntimeOptions>>().Value,
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        }

        return new LodestarModulesBuilder(services, configuration, registry);
    }
}
