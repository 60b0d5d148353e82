using System.Text.RegularExpressions;
using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>The rules a module declaration must follow; the analyzer enforces the same ones at compile time.</summary>
internal static partial class ModuleDeclarationRules
{
    [GeneratedRegex(@"^[a-z][a-z0-9]*([.-][a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();

    // SemVer 2.0.0, https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
    [GeneratedRegex(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant)]
    internal static partial Regex SemVerPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static Error? Validate(
        Type moduleType,
        string? id,
        string? version,
        IReadOnlyList<ModuleDependency> dependencies,
        IReadOnlyList<ModuleCapability> capabilities,
        int healthCheckIntervalSeconds,
        int healthCheckTimeoutSeconds,
        int gracefulStopSeconds,
        int forceStopSeconds)
    {
        var type = moduleType.FullName;
        if (!IsValidId(id))
        {
            return Invalid("module.declaration.invalid-id", type,
                $"[Module] id '{id}' is not valid. Use lower-case words separated by '-' or '.', starting with a letter (e.g. 'usage-tracker').");
        }

        if (version is null || !SemVerPattern().IsMatch(version))
        {
            return Invalid("module.declaration.invalid-version", type,
                $"[Module] version '{version}' of module '{id}' is not SemVer 2.0. Use MAJOR.MINOR.PATCH, e.g. '1.0.0' or '1.2.0-beta.1'.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dependency in dependencies)
        {
            if (!IsValidId(dependency.Id))
            {
                return Invalid("module.declaration.invalid-dependency", type,
                    $"Module '{id}' has [DependsOn(\"{dependency.Id}\")], which is not a valid module id.");
            }

            if (string.Equals(dependency.Id, id, StringComparison.Ordinal))
            {
                return Invalid("module.declaration.self-dependency", type,
                    $"Module '{id}' depends on itself. Remove [DependsOn(\"{id}\")].");
            }

            if (!seen.Add(dependency.Id))
            {
                return Invalid("module.declaration.duplicate-dependency", type,
                    $"Module '{id}' declares [DependsOn(\"{dependency.Id}\")] more than once. Keep one.");
            }
        }

        var capabilityNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var capability in capabilities)
        {
            if (!IsValidId(capability.Name))
            {
                return Invalid("module.declaration.invalid-capability", type,
                    $"Module '{id}' has [Capability(\"{capability.Name}\")], which is not a valid name. Use the module id form, e.g. 'cost-report'.");
            }

            if (!capabilityNames.Add(capability.Name))
            {
                return Invalid("module.declaration.duplicate-capability", type,
                    $"Module '{id}' declares capability '{capability.Name}' more than once. Keep one.");
            }

            foreach (var required in capability.Requires)
            {
                // Checked first: the advice for an undeclared dependency would add an invalid [DependsOn].
                if (!IsValidId(required))
                {
                    return Invalid("module.declaration.invalid-capability-dependency", type,
                        $"Capability '{capability.Name}' of module '{id}' requires '{required}', which is not a valid module id. Write the id of the module it requires, e.g. 'pricing'.");
                }

                if (string.Equals(required, id, StringComparison.Ordinal))
                {
                    return Invalid("module.declaration.undeclared-capability-dependency", type,
                        $"Capability '{capability.Name}' of module '{id}' requires '{required}', the module itself. A capability requires other modules, so remove '{required}' from Requires.");
                }

                if (!seen.Contains(required))
                {
                    return Invalid("module.declaration.undeclared-capability-dependency", type,
                        $"Capability '{capability.Name}' of module '{id}' requires '{required}', which the module does not declare. Add [DependsOn(\"{required}\", Optional = true)].");
                }
            }
        }

        if (!IsWaitable(healthCheckIntervalSeconds) || !IsWaitable(healthCheckTimeoutSeconds))
        {
            return Invalid("module.declaration.invalid-timeout", type,
                $"[HealthCheck] of module '{id}' has IntervalSeconds = {healthCheckIntervalSeconds} and TimeoutSeconds = {healthCheckTimeoutSeconds}; both must be between 1 and {MaxTimeoutSeconds} (about 24 days, the longest a timer waits).");
        }

        if (healthCheckTimeoutSeconds > healthCheckIntervalSeconds)
        {
            return Invalid("module.declaration.invalid-timeout", type,
                $"[HealthCheck] of module '{id}' has TimeoutSeconds = {healthCheckTimeoutSeconds} above IntervalSeconds = {healthCheckIntervalSeconds}. A check must end before the next one is due.");
        }

        if (!IsWaitable(gracefulStopSeconds) || !IsWaitable(forceStopSeconds))
        {
            return Invalid("module.declaration.invalid-timeout", type,
                $"[Shutdown] of module '{id}' has GracefulSeconds = {gracefulStopSeconds} and ForceSeconds = {forceStopSeconds}; both must be between 1 and {MaxTimeoutSeconds} (about 24 days, the longest a timer waits).");
        }

        return null;
    }

    /// <summary>The longest interval or timeout in seconds: <see cref="int.MaxValue"/> milliseconds, about 24.8 days, which every timer accepts.</summary>
    internal const int MaxTimeoutSeconds = int.MaxValue / 1000;

    private static bool IsWaitable(int seconds) => seconds is > 0 and <= MaxTimeoutSeconds;

    private static Error Invalid(string code, string? moduleType, string message) =>
        Error.Validation(code, $"{message} (module type '{moduleType}')", new Dictionary<string, string>
        {
            ["moduleType"] = moduleType ?? string.Empty,
        });
}
