using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>What the generator needs of the compilation itself: the assembly name and which runtime types it can call.</summary>
/// <param name="AssemblyName">The assembly name.</param>
/// <param name="CanRegisterManifests">Whether the SDK's <c>GeneratedModuleManifests</c> registry and <c>[ModuleInitializer]</c> are available.</param>
internal sealed record CompilationFacts(string AssemblyName, bool CanRegisterManifests)
{
    public static CompilationFacts From(Compilation compilation) =>
        new(
            compilation.AssemblyName ?? "Assembly",
            compilation.GetTypeByMetadataName(KnownTypes.RegistryMetadataName) is not null
                && compilation.GetTypeByMetadataName(KnownTypes.ModuleInitializerMetadataName) is not null);
}
