using System.Reflection;
using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// Reads a <see cref="ModuleManifest"/> from a module type's attributes. This is the single seam
/// through which manifests are read by reflection; generated manifests bypass it.
/// </summary>
internal static class ModuleManifestReader
{
    public static Result<ModuleManifest> Read(Type moduleType)
    {
        ArgumentNullException.ThrowIfNull(moduleType);

        if (!typeof(LodestarModule).IsAssignableFrom(moduleType) || moduleType.IsAbstract || moduleType.IsGenericTypeDefinition)
        {
            return Error.Validation(
                "module.declaration.not-a-module",
                $"Type '{moduleType.FullName}' is not a concrete module. A module is a non-abstract, non-generic class deriving from LodestarModule.");
        }

        var module = moduleType.GetCustomAttribute<ModuleAttribute>(inherit: false);
        if (module is null)
        {
            return Error.Validation(
                "module.declaration.missing-module-attribute",
                $"Module type '{moduleType.FullName}' has no [Module] attribute. Add [Module(\"<id>\", \"1.0.0\", Description = \"...\")] to the class.");
        }

        var dependencies = new List<ModuleDependency>();
        foreach (var attribute in moduleType.GetCustomAttributes<DependsOnAttribute>(inherit: false))
        {
            dependencies.Add(new ModuleDependency(attribute.Id, attribute.Optional));
        }

        var capabilities = new List<ModuleCapability>();
        foreach (var attribute in moduleType.GetCustomAttributes<CapabilityAttribute>(inherit: false))
        {
            capabilities.Add(new ModuleCapability(attribute.Name, attribute.Requires ?? []));
        }

        var health = moduleType.GetCustomAttribute<HealthCheckAttribute>(inherit: false) ?? new HealthCheckAttribute();
        var shutdown = moduleType.GetCustomAttribute<ShutdownAttribute>(inherit: false) ?? new ShutdownAttribute();

        return ModuleManifest.Create(
            moduleType,
            module.Id,
            module.Version,
            module.Description,
            dependencies,
            capabilities,
            health.IntervalSeconds,
            health.TimeoutSeconds,
            shutdown.GracefulSeconds,
            shutdown.ForceSeconds);
    }
}
