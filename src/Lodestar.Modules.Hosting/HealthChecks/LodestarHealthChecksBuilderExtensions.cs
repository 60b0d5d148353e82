using Lodestar.Modules;
using Lodestar.Modules.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using HealthCheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Bridges module health into ASP.NET Core health checks (<c>Microsoft.Extensions.Diagnostics.HealthChecks</c>).</summary>
public static class LodestarHealthChecksBuilderExtensions
{
    /// <summary>The prefix of each module's health check name: module <c>storage</c> is checked as <c>module:storage</c>.</summary>
    public const string NamePrefix = "module:";

    /// <summary>The tag every module's health check carries.</summary>
    public const string Tag = "lodestar";

    /// <summary>
    /// Registers one health check per module, named <c>module:{id}</c> and tagged <c>lodestar</c>,
    /// <c>module:{id}</c> and <paramref name="tags"/>, so <c>app.MapHealthChecks("/health")</c> reports
    /// every module and a predicate on the tags selects some. Each check reads the module's current
    /// report from <see cref="IModuleHealthMonitor"/> (a request never runs the module's own check) and
    /// maps Healthy, Degraded and Down to Healthy, Degraded and the registration's
    /// <see cref="HealthCheckRegistration.FailureStatus"/> (Unhealthy); a module that is not enabled
    /// reads Healthy with <c>enabled = false</c> in its data, so the overall status is the worst status of
    /// the enabled modules. The data also holds <c>state</c>, <c>status</c>, <c>latency_ms</c>,
    /// <c>uptime_seconds</c>, <c>last_error</c> and the module's own figures. Modules added after this
    /// call are included; calling it again adds no second check per module, only its
    /// <paramref name="tags"/> to each module's check.
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddHealthChecks()</c>.</param>
    /// <param name="tags">Extra tags for every module's check, e.g. <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// builder.Services.AddLodestarModules(builder.Configuration).AddModule&lt;StorageModule&gt;();
    /// builder.Services.AddHealthChecks().AddLodestarModules();
    /// app.MapHealthChecks("/health");
    /// </code>
    /// </example>
    public static IHealthChecksBuilder AddLodestarModules(this IHealthChecksBuilder builder, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var descriptor in builder.Services)
        {
            if (descriptor.ServiceType == typeof(ModuleHealthChecksMarker) && descriptor.ImplementationInstance is ModuleHealthChecksMarker existing)
            {
                // Registered already: no second check per module, but this call's tags are not dropped.
                existing.AddTags(tags ?? []);
                return builder;
            }
        }

        var marker = new ModuleHealthChecksMarker();
        marker.AddTags(tags ?? []);
        builder.Services.AddSingleton(marker);
        builder.Services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            var extra = marker.Tags();
            var registry = provider.GetService<ModuleRegistry>() ?? throw new InvalidOperationException(
                "AddHealthChecks().AddLodestarModules() found no modules: call services.AddLodestarModules(configuration) and add the modules as well.");
            foreach (var registration in registry.Take("the health checks were configured"))
            {
                var id = registration.Manifest.Id;
                options.Registrations.Add(new HealthCheckRegistration(
                    NamePrefix + id,
                    services => new ModuleHealthCheck(services.GetRequiredService<IModuleRuntime>(), id),
                    HealthCheckStatus.Unhealthy,
                    [Tag, NamePrefix + id, .. extra]));
            }
        });
        return builder;
    }
}
