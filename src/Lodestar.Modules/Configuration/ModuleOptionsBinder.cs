using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;
using Lodestar.Results;
using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules;

/// <summary>Binds a module's options from configuration and validates them with DataAnnotations, naming every broken rule.</summary>
internal static class ModuleOptionsBinder
{
    public const DynamicallyAccessedMemberTypes OptionsMembers =
        DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties;

    public static Result<TOptions> Bind<[DynamicallyAccessedMembers(OptionsMembers)] TOptions>(string moduleId, IConfiguration moduleSection)
        where TOptions : class, new()
    {
        var section = moduleSection.GetSection(ModuleConfiguration.OptionsKey);
        var options = new TOptions();
        try
        {
            BindWithReflection(section, options);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TargetInvocationException or ArgumentException or FormatException or OverflowException)
        {
            // A conversion failure names its key itself; a setter that rejects its value arrives wrapped
            // (TargetInvocationException) or bare, and is a configuration mistake too: no retry can fix it.
            var cause = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
            return Error.Validation(
                "module.options.invalid",
                $"Options of module '{moduleId}' could not be bound from '{section.Path}': {cause.Message} Fix the value in configuration, then enable or restart the module (nothing restarts it when configuration changes).",
                new Dictionary<string, string> { ["moduleId"] = moduleId, ["section"] = section.Path });
        }

        var problems = Validate(options, section.Path);
        if (problems.Count == 0)
        {
            return options;
        }

        var message = new StringBuilder()
            .Append("Options of module '").Append(moduleId).Append("' are invalid: ")
            .AppendJoin("; ", problems.Select(p => p.Describe()))
            .Append(". Fix the values under '").Append(section.Path)
            .Append("' in configuration, then enable or restart the module (nothing restarts it when configuration changes).")
            .ToString();

        var details = new Dictionary<string, string> { ["moduleId"] = moduleId, ["section"] = section.Path };
        foreach (var problem in problems)
        {
            details[problem.Key] = problem.Rule + ": " + problem.Message;
        }

        return Error.Validation("module.options.invalid", message, details);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode",
        Justification = "TOptions carries DynamicallyAccessedMembers(PublicParameterlessConstructor | PublicProperties), so its own properties survive trimming. Nested option types are documented as needing to be rooted until the source generator emits binding code (docs/architecture.md).")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode",
        Justification = "The binder needs dynamic code only for collection- and dictionary-typed properties; docs/architecture.md records that Native AOT hosts should keep module options to scalar properties until the source generator emits binding code.")]
    private static void BindWithReflection(IConfiguration section, object options) => section.Bind(options);

    private static List<OptionProblem> Validate<[DynamicallyAccessedMembers(OptionsMembers)] TOptions>(TOptions options, string sectionPath)
        where TOptions : class
    {
        var problems = new List<OptionProblem>();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length != 0)
            {
                continue;
            }

            // Like DataAnnotations' Validator, a property without a rule is not read: a derived property
            // (new Uri(Address)) may throw for values its own rules reject, or not be meant to be read here.
            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            if (attributes.Length == 0)
            {
                continue;
            }

            var value = property.GetValue(options);
            var context = new ValidationContext(options, displayName: property.Name, serviceProvider: null, items: null)
            {
                MemberName = property.Name,
            };

            foreach (var attribute in attributes)
            {
                var result = attribute.GetValidationResult(value, context);
                if (result is not null && result != ValidationResult.Success)
                {
                    problems.Add(new OptionProblem(sectionPath + ":" + property.Name, RuleName(attribute), result.ErrorMessage ?? "is invalid"));
                }
            }
        }

        // Like DataAnnotations' Validator: type-level attributes run once the properties pass, and
        // IValidatableObject once both pass. ValidationResult.Success is null, so null means "valid".
        var instanceContext = new ValidationContext(options, displayName: typeof(TOptions).Name, serviceProvider: null, items: null);
        if (problems.Count == 0)
        {
            foreach (var attribute in typeof(TOptions).GetCustomAttributes<ValidationAttribute>(inherit: true))
            {
                if (attribute.GetValidationResult(options, instanceContext) is { } result)
                {
                    problems.Add(new OptionProblem(KeyOf(result, sectionPath), RuleName(attribute), result.ErrorMessage ?? "is invalid"));
                }
            }
        }

        if (problems.Count == 0 && options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(instanceContext) ?? [])
            {
                if (result is not null)
                {
                    problems.Add(new OptionProblem(KeyOf(result, sectionPath), nameof(IValidatableObject), result.ErrorMessage ?? "is invalid"));
                }
            }
        }

        return problems;
    }

    private static string KeyOf(ValidationResult result, string sectionPath) =>
        result.MemberNames.FirstOrDefault() is { } member ? sectionPath + ":" + member : sectionPath;

    private static string RuleName(ValidationAttribute attribute)
    {
        var name = attribute.GetType().Name;
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private readonly record struct OptionProblem(string Key, string Rule, string Message)
    {
        public string Describe() => $"{Key} breaks [{Rule}]: {Message}";
    }
}
