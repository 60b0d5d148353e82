using System.Security.Claims;

namespace Lodestar.Samples.WebHost.Security;

/// <summary>Permissions travel as claims of this type on the caller's <see cref="ClaimsPrincipal"/>.</summary>
public static class PermissionClaims
{
    /// <summary>The claim type of a permission such as <c>manage:storage</c>.</summary>
    public const string Type = "lodestar.permission";

    /// <summary>Makes a caller with <paramref name="permissions"/>; authenticated when <paramref name="name"/> is given.</summary>
    /// <param name="name">The key holder's name, or <see langword="null"/> for an anonymous caller.</param>
    /// <param name="permissions">The permissions.</param>
    /// <returns>The caller.</returns>
    public static ClaimsPrincipal Principal(string? name, IEnumerable<string> permissions)
    {
        var claims = permissions.Select(p => new Claim(Type, p)).ToList();
        if (name is null)
        {
            return new ClaimsPrincipal(new ClaimsIdentity(claims));
        }

        claims.Add(new Claim(ClaimTypes.Name, name));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType: "ApiKey"));
    }
}
