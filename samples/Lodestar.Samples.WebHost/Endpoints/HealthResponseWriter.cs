using System.Text.Json;
using Lodestar.Modules;
using HealthReport = Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>
/// Writes <c>/health</c> as JSON: the overall status, and one entry per module the caller may view
/// (<c>view:{id}</c>, as <c>GET /modules</c> asks; any other health check of the application needs
/// <c>view:*</c>) with its status, description, duration, tags and data. Every caller gets the
/// overall status and its HTTP code (200, or 503 when unhealthy), so a load balancer needs no key;
/// an entry's data (state, last error, the database path) only reaches callers who may see the module.
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the report.</summary>
    /// <param name="context">The request.</param>
    /// <param name="report">The report of every health check.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        // The runtime's own authorizer (AddLodestarModules registers an allow-all one when the application has none).
        var authorizer = context.RequestServices.GetRequiredService<IModuleAuthorizer>();
        var entries = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, entry) in report.Entries)
        {
            // A module's entry (module:{id}) needs view:{id}; any other check of the application needs view:*.
            var moduleId = name.StartsWith(LodestarHealthChecksBuilderExtensions.NamePrefix, StringComparison.Ordinal)
                ? name[LodestarHealthChecksBuilderExtensions.NamePrefix.Length..]
                : "*";
            if (!await authorizer.IsAllowedAsync(ModulePermission.View, moduleId, context.User, context.RequestAborted))
            {
                continue;
            }

            entries[name] = new
            {
                status = entry.Status.ToString(),
                description = entry.Description,
                durationMs = Math.Round(entry.Duration.TotalMilliseconds, 3),
                tags = entry.Tags,
                data = entry.Data,
            };
        }

        var body = new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 3),
            entries,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
