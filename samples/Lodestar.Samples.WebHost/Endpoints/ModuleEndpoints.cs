using System.Security.Claims;
using Lodestar.Modules;
using Lodestar.Results;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>
/// <c>GET /modules</c>, <c>GET /modules/{id}</c> and <c>POST /modules/{id}/enable|disable|restart</c>.
/// Every call passes the caller to the runtime, whose <see cref="IModuleAuthorizer"/> decides:
/// listing shows only the modules the caller may view; a management call without
/// <c>manage:{id}</c> gets 403 and changes nothing.
/// </summary>
public static class ModuleEndpoints
{
    /// <summary>Maps the module endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IEndpointRouteBuilder MapModules(this IEndpointRouteBuilder app)
    {
        var modules = app.MapGroup("/modules");
        modules.MapGet("/", async (IModuleRuntime runtime, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        {
            var snapshots = await runtime.GetSnapshotsAsync(caller, cancellationToken);
            return TypedResults.Ok(snapshots.Select(ModuleView.Of));
        });
        modules.MapGet("/{id}", async (string id, IModuleRuntime runtime, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ToResult(await runtime.GetSnapshotAsync(id, caller, cancellationToken)));
        modules.MapPost("/{id}/enable", (string id, IModuleRuntime runtime, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, runtime.EnableAsync(id, caller, cancellationToken)));
        modules.MapPost("/{id}/disable", (string id, IModuleRuntime runtime, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, runtime.DisableAsync(id, caller, cancellationToken)));
        modules.MapPost("/{id}/restart", (string id, IModuleRuntime runtime, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, runtime.RestartAsync(id, caller, cancellationToken)));
        return app;
    }

    private static async Task<IResult> ManageAsync(string id, IModuleRuntime runtime, ValueTask<Result> operation)
    {
        var done = await operation;
        return done.IsFailure ? Problems.From(done.Error) : ToResult(runtime.GetSnapshot(id));
    }

    private static IResult ToResult(Result<ModuleSnapshot> snapshot) =>
        snapshot.IsSuccess ? TypedResults.Ok(ModuleView.Of(snapshot.Value)) : Problems.From(snapshot.Error);
}
