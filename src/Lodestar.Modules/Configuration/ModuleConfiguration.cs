using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules;

/// <summary>Where a module's settings live in configuration: <c>Lodestar:Modules:&lt;id&gt;</c>.</summary>
internal static class ModuleConfiguration
{
    public const string ModulesSection = "Lodestar:Modules";
    public const string OptionsKey = "Options";
    public const string EnabledKey = "Enabled";

    public static string SectionPath(string moduleId) => ModulesSection + ":" + moduleId;

    public static IConfigurationSection Section(IConfiguration configuration, string moduleId) =>
        configuration.GetSection(SectionPath(moduleId));

    /// <summary>Reads <c>Lodestar:Modules:&lt;id&gt;:Enabled</c>; a module is enabled unless it says <c>false</c>.</summary>
    /// <exception cref="InvalidOperationException">The value is neither <c>true</c> nor <c>false</c>.</exception>
    public static bool IsEnabled(IConfiguration moduleSection, string moduleId)
    {
        var value = moduleSection[EnabledKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (bool.TryParse(value, out var enabled))
        {
            return enabled;
        }

        throw new InvalidOperationException(
            $"Configuration value '{SectionPath(moduleId)}:{EnabledKey}' of module '{moduleId}' is '{value}'; use true or false.");
    }
}
