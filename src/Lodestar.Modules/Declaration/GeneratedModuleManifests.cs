using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The manifests the source generator wrote for module types, registered by each module assembly's
/// module initializer when it loads. <see cref="LodestarModulesBuilder.AddModule(LodestarModule)"/>
/// uses a registered manifest before it falls back to reading attributes by reflection. Called by
/// generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedModuleManifests
{
    // Weak keys: a plugin's module types, loaded in a collectible AssemblyLoadContext, can still be unloaded.
    private static readonly ConditionalWeakTable<Type, Func<Result<ModuleManifest>>> Factories = new();

    /// <summary>Registers the generated manifest factory of <paramref name="moduleType"/>; a second registration replaces the first.</summary>
    /// <param name="moduleType">The module type.</param>
    /// <param name="factory">Creates and validates the module's manifest (calls <see cref="ModuleManifest.Create"/>).</param>
    public static void Register(Type moduleType, Func<Result<ModuleManifest>> factory)
    {
        ArgumentNullException.ThrowIfNull(moduleType);
        ArgumentNullException.ThrowIfNull(factory);
        Factories.AddOrUpdate(moduleType, factory);
    }

    /// <summary>Finds the generated manifest factory of <paramref name="moduleType"/>.</summary>
    /// <param name="moduleType">The module type.</param>
    /// <param name="factory">The factory, when one is registered.</param>
    /// <returns>Whether a generated manifest is registered for the type.</returns>
    public static bool TryGet(Type moduleType, [NotNullWhen(true)] out Func<Result<ModuleManifest>>? factory)
    {
        ArgumentNullException.ThrowIfNull(moduleType);
        return Factories.TryGetValue(moduleType, out factory);
    }
}
