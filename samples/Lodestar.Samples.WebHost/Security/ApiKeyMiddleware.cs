using System.Security.Cryptography;
using System.Text;
using Lodestar.Samples.WebHost.Endpoints;
using Microsoft.Extensions.Options;

namespace Lodestar.Samples.WebHost.Security;

/// <summary>
/// The sample's authentication: a request with a known <c>X-Api-Key</c> header acts as that key's
/// holder with its permissions; a request without the header acts as an anonymous caller with
/// <see cref="SampleSecurityOptions.AnonymousPermissions"/>; an unknown key gets 401. The keys are read
/// per request, so a key revoked or rotated in reloaded configuration takes effect without a restart;
/// a grant with a null or empty key matches nothing.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<SampleSecurityOptions> options)
{
    /// <summary>The request header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Authenticates the request, then runs the rest of the pipeline.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the request is handled.</returns>
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!context.Request.Headers.TryGetValue(Header, out var sent))
        {
            context.User = PermissionClaims.Principal(null, settings.AnonymousPermissions);
            await next(context);
            return;
        }

        var grant = Find(settings, sent.ToString());
        if (grant is null)
        {
            await Problems.Write(
                context,
                StatusCodes.Status401Unauthorized,
                "sample.api-key.unknown",
                $"The {Header} header holds a key this host does not know. Send one of the keys under Sample:ApiKeys, or no header to act anonymously.");
            return;
        }

        context.User = PermissionClaims.Principal(grant.Name, grant.Permissions);
        await next(context);
    }

    private static ApiKeyGrant? Find(SampleSecurityOptions settings, string key)
    {
        var sent = Encoding.UTF8.GetBytes(key);
        ApiKeyGrant? found = null;
        foreach (var grant in settings.ApiKeys ?? [])
        {
            // Compare every key in constant time, so the time taken tells nothing about a near miss.
            if (!string.IsNullOrEmpty(grant?.Key) && CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes(grant.Key)))
            {
                found = grant;
            }
        }

        return found;
    }
}
