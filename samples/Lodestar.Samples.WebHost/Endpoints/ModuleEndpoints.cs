using System.Security.Claims;
using Lodestar.Modules;
using Lodestar.Results;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>
/// <c>GET /modules</c>, <c>GET /modules/{id}</c> and <c>POST /modules/{id}/enable|disable|restart</c>.
/// Every call passes the caller to the runtime, whose <see cref="IModuleAuthorizer"/> decides:
/// listing shows only the modules the caller may view; a management call without
/// <c>manage:{id}</c> gets 403 and changes nothing, and one that succeeds answers with the module
/// only when the caller may also view it (204 otherwise).
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
        modules.MapPost("/{id}/enable", (string id, IModuleRuntime runtime, IModuleAuthorizer authorizer, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, authorizer, caller, runtime.EnableAsync(id, caller, cancellationToken), cancellationToken));
        modules.MapPost("/{id}/disable", (string id, IModuleRuntime runtime, IModuleAuthorizer authorizer, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, authorizer, caller, runtime.DisableAsync(id, caller, cancellationToken), cancellationToken));
        modules.MapPost("/{id}/restart", (string id, IModuleRuntime runtime, IModuleAuthorizer authorizer, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
            ManageAsync(id, runtime, authorizer, caller, runtime.RestartAsync(id, caller, cancellationToken), cancellationToken));
        return app;
    }

    /// <summary>
    /// Answers a management call: the problem when it failed; otherwise the module as it is now for
    /// a caller who may view it, and 204 without a body for one who may only manage it, who must not
    /// read through this door what <c>GET /modules/{id}</c> refuses to show.
    /// </summary>
    private static async Task<IResult> ManageAsync(string id, IModuleRuntime runtime, IModuleAuthorizer authorizer, ClaimsPrincipal caller, ValueTask<Result> operation, CancellationToken cancellationToken)
    {
        var done = await operation;
        if (done.IsFailure)
        {
            return Problems.From(done.Error);
        }

        // Asked of the authorizer, not through runtime.GetSnapshotAsync, which would log the refusal as a forbidden call.
        return await authorizer.IsAllowedAsync(ModulePermission.View, id, caller, cancellationToken)
            ? ToResult(runtime.GetSnapshot(id))
            : TypedResults.NoContent();
    }

    private static IResult ToResult(Result<ModuleSnapshot> snapshot) =>
        snapshot.IsSuccess ? TypedResults.Ok(ModuleView.Of(snapshot.Value)) : Problems.From(snapshot.Error);
}
