namespace Lodestar.Modules;

/// <summary>
/// Declares a feature a module offers. A capability is active only while the module runs and
/// every dependency it <see cref="Requires"/> is <see cref="ModuleState.Running"/>.
/// </summary>
/// <example>
/// <code>[Capability("cost-report", Requires = ["pricing"])]</code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class CapabilityAttribute : Attribute
{
    /// <summary>Declares a capability.</summary>
    /// <param name="name">The capability name, in the same form as a module id.</param>
    public CapabilityAttribute(string name) => Name = name;

    /// <summary>Gets the capability name.</summary>
    public string Name { get; }

    /// <summary>
    /// Gets or sets the ids of the dependencies that must be running for the capability to be active.
    /// Each must also be declared with <see cref="DependsOnAttribute"/>.
    /// </summary>
    /// <value>The default value is empty: the capability is active whenever the module runs.</value>
#pragma warning disable CA1819 // Attribute arguments can only be arrays.
    public string[] Requires { get; set; } = [];
#pragma warning restore CA1819
}
