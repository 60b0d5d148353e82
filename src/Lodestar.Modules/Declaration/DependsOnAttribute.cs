namespace Lodestar.Modules;

/// <summary>
/// Declares that a module needs another module, named by id. A required dependency must be
/// <see cref="ModuleState.Running"/> before the module starts (otherwise it waits in
/// <see cref="ModuleState.Blocked"/>); an optional one only unlocks capabilities.
/// </summary>
/// <example>
/// <code>
/// [DependsOn("storage")]
/// [DependsOn("pricing", Optional = true)]
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DependsOnAttribute : Attribute
{
    /// <summary>Declares a dependency on the module with id <paramref name="id"/>.</summary>
    /// <param name="id">The id of the module depended on.</param>
    public DependsOnAttribute(string id) => Id = id;

    /// <summary>Gets the id of the module depended on.</summary>
    public string Id { get; }

    /// <summary>Gets or sets whether the module can run without the dependency.</summary>
    /// <value>The default value is <see langword="false"/> (required).</value>
    public bool Optional { get; set; }
}
