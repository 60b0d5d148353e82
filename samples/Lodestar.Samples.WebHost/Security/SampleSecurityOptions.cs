namespace Lodestar.Samples.WebHost.Security;

/// <summary>The sample's access scheme (section <c>Sample</c>): API keys with permissions, and what a caller without a key may do.</summary>
public sealed class SampleSecurityOptions
{
    /// <summary>
    /// Gets or sets the permissions of a caller without an <c>X-Api-Key</c> header. Grant at most
    /// <c>view</c> here: any web page the operator opens can send a plain form POST without a key.
    /// </summary>
    public List<string> AnonymousPermissions { get; set; } = [];

    /// <summary>Gets or sets the API keys.</summary>
    public List<ApiKeyGrant> ApiKeys { get; set; } = [];
}
