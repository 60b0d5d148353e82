namespace Lodestar.Modules.Analyzers;

/// <summary>
/// What the generator needs of one module class: plain values only (no symbols, no syntax), so two
/// runs over the same declaration produce equal models and the outputs are reused.
/// </summary>
/// <param name="TypeName">The fully qualified type name with <c>global::</c>, for code.</param>
/// <param name="DisplayName">The type name without <c>global::</c>, for comments.</param>
/// <param name="Id">The module id as written (the runtime validates it again).</param>
/// <param name="Version">The module version as written.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="Dependencies">The <c>[DependsOn]</c> attributes, in declaration order.</param>
/// <param name="Capabilities">The <c>[Capability]</c> attributes, in declaration order.</param>
/// <param name="HealthCheckIntervalSeconds">The health-check interval.</param>
/// <param name="HealthCheckTimeoutSeconds">The health-check timeout.</param>
/// <param name="GracefulStopSeconds">The graceful stop timeout.</param>
/// <param name="ForceStopSeconds">The forced stop timeout.</param>
/// <param name="CanConstruct">Whether generated code can call an accessible parameterless constructor.</param>
/// <param name="SuppressedDiagnostics">
/// The ids, other than CS0612 and CS0618, under which naming the type or its constructor is reported
/// (<c>[Obsolete(DiagnosticId = ...)]</c>, <c>[Experimental]</c>): the generated file disables them.
/// </param>
internal sealed record ModuleModel(
    string TypeName,
    string DisplayName,
    string? Id,
    string? Version,
    string? Description,
    EquatableArray<DependencyModel> Dependencies,
    EquatableArray<CapabilityModel> Capabilities,
    int HealthCheckIntervalSeconds,
    int HealthCheckTimeoutSeconds,
    int GracefulStopSeconds,
    int ForceStopSeconds,
    bool CanConstruct,
    EquatableArray<string> SuppressedDiagnostics);
