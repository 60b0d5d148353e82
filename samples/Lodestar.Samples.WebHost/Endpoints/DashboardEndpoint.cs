namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>Serves the dashboard, one static page embedded in the assembly, at <c>/</c>.</summary>
public static class DashboardEndpoint
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(DashboardEndpoint).Assembly.GetManifestResourceStream("Lodestar.Samples.WebHost.Dashboard.index.html")
            ?? throw new InvalidOperationException("The dashboard page is missing from the assembly: Dashboard/index.html must be an EmbeddedResource.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Maps <c>GET /</c> to the dashboard.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Bytes(Page.Value, "text/html; charset=utf-8"));
        return app;
    }
}
