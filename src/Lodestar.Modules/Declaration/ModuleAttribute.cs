namespace Lodestar.Modules;

/// <summary>
/// Declares a class as a module: its stable id, its version and what it is for. Every concrete
/// <see cref="LodestarModule"/> must carry exactly one.
/// </summary>
/// <example>
/// <code>[Module("usage-tracker", "1.2.0", Description = "Records model usage and cost")]</code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModuleAttribute : Attribute
{
    /// <summary>Declares a module.</summary>
    /// <param name="id">The module id: lower-case words separated by <c>-</c> or <c>.</c>, e.g. <c>usage-tracker</c>.</param>
    /// <param name="version">The module version in SemVer 2.0 form, e.g. <c>1.2.0</c>.</param>
    public ModuleAttribute(string id, string version)
    {
        Id = id;
        Version = version;
    }

    /// <summary>Gets the module id, unique within an application. Other modules name it in <see cref="DependsOnAttribute"/>.</summary>
    public string Id { get; }

    /// <summary>Gets the module version (SemVer 2.0).</summary>
    public string Version { get; }

    /// <summary>Gets or sets a one-line description of what the module is for.</summary>
    public string? Description { get; set; }
}
