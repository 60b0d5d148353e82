using Lodestar.Modules;
using Lodestar.Modules.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs Lodestar.Modules inside the .NET Generic Host.</summary>
public static class LodestarModulesHostingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the module runtime and a hosted service that starts every module with the host
    /// (in dependency order) and stops them on shutdown within the host's shutdown timeout.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration modules read their settings from (<c>Lodestar:Modules:&lt;id&gt;</c>).</param>
    /// <returns>A builder to add modules with.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddLodestarModules(builder.Configuration)
    ///     .AddModule&lt;StorageModule&gt;()
    ///     .AddModule&lt;UsageTrackerModule&gt;();
    /// </code>
    /// </example>
    public static LodestarModulesBuilder AddLodestarModules(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddLodestarModulesCore(configuration);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType == typeof(ModuleRuntimeHostedService))
            {
                return builder;
            }
        }

        services.AddHostedService<ModuleRuntimeHostedService>();
        return builder;
    }
}
