namespace Lodestar.Modules;

/// <summary>A module instance registered with the runtime, with its manifest.</summary>
internal sealed record ModuleRegistration(LodestarModule Module, ModuleManifest Manifest);
