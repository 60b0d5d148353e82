using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// Everything the runtime knows about a module before it runs: id, version, dependencies,
/// capabilities and timeouts. Read from the module's attributes (or emitted by the source
/// generator) and validated once, when the module is registered.
/// </summary>
public sealed class ModuleManifest
{
    private ModuleManifest(
        Type moduleType,
        string id,
        string version,
        string? description,
        IReadOnlyList<ModuleDependency> dependencies,
        IReadOnlyList<ModuleCapability> capabilities,
        TimeSpan healthCheckInterval,
        TimeSpan healthCheckTimeout,
        TimeSpan gracefulStopTimeout,
        TimeSpan forceStopTimeout)
    {
        ModuleType = moduleType;
        Id = id;
        Version = version;
        Description = description;
        Dependencies = dependencies;
        Capabilities = capabilities;
        HealthCheckInterval = healthCheckInterval;
        HealthCheckTimeout = healthCheckTimeout;
        GracefulStopTimeout = gracefulStopTimeout;
        ForceStopTimeout = forceStopTimeout;
    }

    /// <summary>Gets the CLR type of the module.</summary>
    public Type ModuleType { get; }

    /// <summary>Gets the module id.</summary>
    public string Id { get; }

    /// <summary>Gets the module version (SemVer 2.0).</summary>
    public string Version { get; }

    /// <summary>Gets the module description, if it has one.</summary>
    public string? Description { get; }

    /// <summary>Gets the declared dependencies, required and optional, in declaration order.</summary>
    public IReadOnlyList<ModuleDependency> Dependencies { get; }

    /// <summary>Gets the declared capabilities.</summary>
    public IReadOnlyList<ModuleCapability> Capabilities { get; }

    /// <summary>Gets the time between two health checks.</summary>
    public TimeSpan HealthCheckInterval { get; }

    /// <summary>Gets the time one health check may take.</summary>
    public TimeSpan HealthCheckTimeout { get; }

    /// <summary>Gets the time the graceful stop may take.</summary>
    public TimeSpan GracefulStopTimeout { get; }

    /// <summary>Gets the time the forced stop may take after the graceful one.</summary>
    public TimeSpan ForceStopTimeout { get; }

    /// <summary>
    /// Creates a manifest and validates it: the id and version formats, dependencies, capabilities
    /// and timeouts. This is what the source generator calls; the reflection reader reaches the same method.
    /// </summary>
    /// <param name="moduleType">The module's CLR type.</param>
    /// <param name="id">The module id.</param>
    /// <param name="version">The module version.</param>
    /// <param name="description">The module description.</param>
    /// <param name="dependencies">The declared dependencies.</param>
    /// <param name="capabilities">The declared capabilities.</param>
    /// <param name="healthCheckIntervalSeconds">Seconds between health checks.</param>
    /// <param name="healthCheckTimeoutSeconds">Seconds one health check may take.</param>
    /// <param name="gracefulStopSeconds">Seconds the graceful stop may take.</param>
    /// <param name="forceStopSeconds">Seconds the forced stop may take.</param>
    /// <returns>The manifest, or a <see cref="ErrorKind.Validation"/> error that names the module, the declaration and the fix.</returns>
    public static Result<ModuleManifest> Create(
        Type moduleType,
        string id,
        string version,
        string? description = null,
        IReadOnlyList<ModuleDependency>? dependencies = null,
        IReadOnlyList<ModuleCapability>? capabilities = null,
        int healthCheckIntervalSeconds = ModuleDefaults.HealthCheckIntervalSeconds,
        int healthCheckTimeoutSeconds = ModuleDefaults.HealthCheckTimeoutSeconds,
        int gracefulStopSeconds = ModuleDefaults.GracefulStopSeconds,
        int forceStopSeconds = ModuleDefaults.ForceStopSeconds)
    {
        ArgumentNullException.ThrowIfNull(moduleType);
        // Copied before they are validated, so a caller changing its lists afterwards changes nothing here.
        dependencies = dependencies is null ? [] : [.. dependencies];
        capabilities = capabilities is null ? [] : [.. capabilities];

        var error = ModuleDeclarationRules.Validate(
            moduleType, id, version, dependencies, capabilities,
            healthCheckIntervalSeconds, healthCheckTimeoutSeconds, gracefulStopSeconds, forceStopSeconds);
        if (error is not null)
        {
            return error;
        }

        return new ModuleManifest(
            moduleType,
            id,
            version,
            string.IsNullOrWhiteSpace(description) ? null : description,
            dependencies,
            capabilities,
            TimeSpan.FromSeconds(healthCheckIntervalSeconds),
            TimeSpan.FromSeconds(healthCheckTimeoutSeconds),
            TimeSpan.FromSeconds(gracefulStopSeconds),
            TimeSpan.FromSeconds(forceStopSeconds));
    }

    /// <summary>
    /// Reads the manifest of <paramref name="moduleType"/> from its attributes
    /// (<see cref="ModuleAttribute"/>, <see cref="DependsOnAttribute"/>, <see cref="CapabilityAttribute"/>,
    /// <see cref="HealthCheckAttribute"/>, <see cref="ShutdownAttribute"/>).
    /// </summary>
    /// <param name="moduleType">A concrete type deriving from <see cref="LodestarModule"/>.</param>
    /// <returns>The manifest, or a <see cref="ErrorKind.Validation"/> error that names the module and the fix.</returns>
    public static Result<ModuleManifest> FromAttributes(Type moduleType) => ModuleManifestReader.Read(moduleType);

    /// <summary>Returns <c>id@version</c>.</summary>
    /// <returns>The module id and version.</returns>
    public override string ToString() => $"{Id}@{Version}";
}
