namespace Lodestar.Modules;

/// <summary>A feature a module offers, as declared by <see cref="CapabilityAttribute"/>.</summary>
public sealed class ModuleCapability
{
    /// <summary>Creates a capability.</summary>
    /// <param name="name">The capability name.</param>
    /// <param name="requires">The dependency ids that must be running for it to be active.</param>
    public ModuleCapability(string name, IReadOnlyList<string>? requires = null)
    {
        Name = name;
        Requires = requires is null ? [] : [.. requires];
    }

    /// <summary>Gets the capability name.</summary>
    public string Name { get; }

    /// <summary>Gets the ids of the dependencies that must be running for the capability to be active.</summary>
    public IReadOnlyList<string> Requires { get; }
}
