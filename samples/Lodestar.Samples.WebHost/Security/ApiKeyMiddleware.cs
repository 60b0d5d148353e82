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

    /// <summary>
    /// Finds the grant whose key is exactly <paramref name="key"/>, comparing with every configured key
    /// so that the time taken says nothing about how close the sent key came to one.
    /// </summary>
    /// <remarks>
    /// <see cref="CryptographicOperations.FixedTimeEquals"/> returns at once when the lengths differ,
    /// so comparing the keys themselves would tell a caller how long a key is. Their SHA-256 digests
    /// are always 32 bytes, and equal digests mean equal keys.
    /// </remarks>
    private static ApiKeyGrant? Find(SampleSecurityOptions settings, string key)
    {
        Span<byte> sent = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> known = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), sent);
        ApiKeyGrant? found = null;
        foreach (var grant in settings.ApiKeys ?? [])
        {
            if (string.IsNullOrEmpty(grant?.Key))
            {
                continue;
            }

            SHA256.HashData(Encoding.UTF8.GetBytes(grant.Key), known);

            // No early exit: every key is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(sent, known))
            {
                found = grant;
            }
        }

        return found;
    }
}
