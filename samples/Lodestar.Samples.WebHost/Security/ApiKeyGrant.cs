namespace Lodestar.Samples.WebHost.Security;

/// <summary>One API key and the permissions it grants, e.g. <c>manage:storage</c> or <c>view:*</c>.</summary>
public sealed class ApiKeyGrant
{
    /// <summary>Gets or sets who holds the key; it names the caller in logs and errors.</summary>
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the key, sent in the <c>X-Api-Key</c> header.</summary>
    public string Key { get; set; } = "";

    /// <summary>Gets or sets the permissions: <c>view:{id}</c>, <c>configure:{id}</c>, <c>manage:{id}</c>, with <c>*</c> for every module.</summary>
    public List<string> Permissions { get; set; } = [];
}
