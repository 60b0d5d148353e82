using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Lodestar.Modules.Analyzers;

/// <summary>The checks of one module class's own declaration, the ones <c>ModuleManifest.Create</c> makes at run time.</summary>
internal sealed class DeclarationChecker(SymbolAnalysisContext context, ModuleDeclaration declaration, AttributeData module)
{
    private readonly INamedTypeSymbol _type = declaration.Type;

    /// <summary>Reports what is wrong and, when the id is valid, queues the module for the graph checks.</summary>
    public void Check(ConcurrentQueue<GraphModule> sourceModules)
    {
        var name = declaration.HasValidId ? declaration.Id! : _type.Name;
        CheckId();
        CheckVersion(name);
        CheckDescription(name);
        var dependencies = CheckDependencies(name);
        CheckCapabilities(name);
        CheckTimeouts(declaration.HealthCheck, "HealthCheck", name, checkOrder: true);
        CheckTimeouts(declaration.Shutdown, "Shutdown", name, checkOrder: false);

        if (declaration.HasValidId)
        {
            sourceModules.Enqueue(new GraphModule(
                declaration.Id!,
                _type.ToDisplayString(),
                IsSource: true,
                AttributeLocations.ConstructorArgument(module, 0, "id", _type, context.CancellationToken),
                dependencies.ToImmutable()));
        }
    }

    private void CheckId()
    {
        if (declaration.IdIsReadable && !declaration.HasValidId)
        {
            ReportInvalidId(
                AttributeLocations.ConstructorArgument(module, 0, "id", _type, context.CancellationToken),
                "module id",
                declaration.Id);
        }
    }

    private void CheckVersion(string name)
    {
        if (declaration.VersionIsReadable && !ModuleRules.IsValidVersion(declaration.Version))
        {
            var suggestion = ModuleRules.SuggestVersion(declaration.Version);
            context.ReportDiagnostic(Diagnostic.Create(
                Rules.InvalidVersion,
                AttributeLocations.ConstructorArgument(module, 1, "version", _type, context.CancellationToken),
                Suggest(suggestion),
                declaration.Version ?? "null",
                name,
                suggestion));
        }
    }

    private void CheckDescription(string name)
    {
        if (declaration.DescriptionIsReadable && string.IsNullOrWhiteSpace(declaration.Description) && module.AttributeConstructor is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Rules.MissingDescription,
                declaration.DescriptionIsSet
                    ? AttributeLocations.NamedArgument(module, "Description", _type, context.CancellationToken)
                    : AttributeLocations.Attribute(module, _type, context.CancellationToken),
                name));
        }
    }

    /// <summary>Checks each <c>[DependsOn]</c>; returns the valid ones, each id once, in declaration order.</summary>
    /// <remarks>A module declares a handful of dependencies: the duplicate check scans the valid ones so far instead of building a set per module.</remarks>
    private ImmutableArray<GraphDependency>.Builder CheckDependencies(string name)
    {
        var valid = ImmutableArray.CreateBuilder<GraphDependency>(declaration.Dependencies.Length);
        foreach (var dependency in declaration.Dependencies)
        {
            if (!dependency.IsReadable)
            {
                continue;
            }

            var location = AttributeLocations.ConstructorArgument(dependency.Attribute, 0, "id", _type, context.CancellationToken);
            if (!ModuleRules.IsValidId(dependency.Id))
            {
                ReportInvalidId(location, "[DependsOn] id", dependency.Id);
            }
            else if (declaration.IdIsReadable && dependency.Id == declaration.Id)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rules.SelfDependency, location, dependency.Id));
            }
            else if (Contains(valid, dependency.Id!))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rules.DuplicateDeclaration, location, name, "[DependsOn]", dependency.Id));
            }
            else
            {
                valid.Add(new GraphDependency(dependency.Id!, dependency.Optional, location));
            }
        }

        return valid;
    }

    /// <summary>Checks each <c>[Capability]</c>: a valid name, each name once, and every required id among the declared dependencies.</summary>
    /// <remarks>Like <see cref="CheckDependencies"/>, scans the few declarations instead of building sets.</remarks>
    private void CheckCapabilities(string name)
    {
        var capabilities = declaration.Capabilities;
        for (var index = 0; index < capabilities.Length; index++)
        {
            var capability = capabilities[index];
            if (!capability.IsReadable)
            {
                continue;
            }

            var location = AttributeLocations.ConstructorArgument(capability.Attribute, 0, "name", _type, context.CancellationToken);
            if (!ModuleRules.IsValidId(capability.Name))
            {
                ReportInvalidId(location, "capability name", capability.Name);
            }
            else if (IsNamedEarlier(capabilities, index))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rules.DuplicateDeclaration, location, name, "capability", capability.Name));
            }

            for (var i = 0; i < capability.Requires.Length; i++)
            {
                var required = capability.Requires[i];
                if (!ModuleRules.IsValidId(required))
                {
                    // Only a valid id can be declared with [DependsOn]: adding [DependsOn("Pricing")]
                    // would be another error, so the id itself is what to fix (LODE002).
                    ReportInvalidId(
                        AttributeLocations.NamedArrayElement(capability.Attribute, "Requires", i, _type, context.CancellationToken),
                        "capability Requires id",
                        required);
                }
                else if (!IsDeclaredDependency(required!))
                {
                    // The module's own id cannot be declared as a dependency (LODE008): no fix to suggest.
                    var itself = declaration.IdIsReadable && required == declaration.Id;
                    context.ReportDiagnostic(Diagnostic.Create(
                        Rules.UndeclaredCapabilityDependency,
                        AttributeLocations.NamedArrayElement(capability.Attribute, "Requires", i, _type, context.CancellationToken),
                        itself ? null : Suggest(required!),
                        capability.Name ?? "null",
                        name,
                        required,
                        itself
                            ? $"the module itself; a capability requires other modules, so remove '{required}' from Requires"
                            : $"which the module does not declare; add [DependsOn(\"{required}\", Optional = true)]"));
                }
            }
        }
    }

    /// <summary>Whether <paramref name="valid"/> already holds a dependency on <paramref name="id"/>.</summary>
    private static bool Contains(ImmutableArray<GraphDependency>.Builder valid, string id)
    {
        foreach (var dependency in valid)
        {
            if (dependency.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a readable capability before <paramref name="index"/> has the same name (that one was checked already, so its name is valid).</summary>
    private static bool IsNamedEarlier(ImmutableArray<CapabilityDeclaration> capabilities, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (capabilities[i].IsReadable && capabilities[i].Name == capabilities[index].Name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a readable <c>[DependsOn]</c> of the module names <paramref name="id"/>, valid or not.</summary>
    private bool IsDeclaredDependency(string id)
    {
        foreach (var dependency in declaration.Dependencies)
        {
            if (dependency.IsReadable && dependency.Id == id)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckTimeouts(TimeoutDeclaration timeouts, string attributeName, string name, bool checkOrder)
    {
        if (timeouts.Attribute is not { } attribute || !timeouts.IsReadable)
        {
            return;
        }

        var firstBad = !ModuleRules.IsWaitable(timeouts.First);
        var secondBad = !ModuleRules.IsWaitable(timeouts.Second);
        if (firstBad)
        {
            ReportTimeout(attribute, timeouts.FirstName, timeouts.FirstIsSet, attributeName, name, OutOfRange(timeouts.FirstName, timeouts.First));
        }

        if (secondBad)
        {
            ReportTimeout(attribute, timeouts.SecondName, timeouts.SecondIsSet, attributeName, name, OutOfRange(timeouts.SecondName, timeouts.Second));
        }

        if (checkOrder && !firstBad && !secondBad && timeouts.Second > timeouts.First)
        {
            // Underline the value the author wrote; when both are written, the timeout.
            var onSecond = timeouts.SecondIsSet || !timeouts.FirstIsSet;
            ReportTimeout(attribute, onSecond ? timeouts.SecondName : timeouts.FirstName, isSet: true, attributeName, name,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} = {1} exceeds {2} = {3}, so a check would still run when the next one is due",
                    timeouts.SecondName,
                    timeouts.Second,
                    timeouts.FirstName,
                    timeouts.First));
        }
    }

    private static string OutOfRange(string property, int seconds) =>
        seconds <= 0
            ? string.Format(CultureInfo.InvariantCulture, "{0} = {1} must be positive", property, seconds)
            : string.Format(CultureInfo.InvariantCulture, "{0} = {1} exceeds {2} (about 24 days), the longest a timer waits", property, seconds, ModuleRules.MaxTimeoutSeconds);

    private void ReportTimeout(AttributeData attribute, string property, bool isSet, string attributeName, string name, string problem) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Rules.InvalidTimeout,
            isSet
                ? AttributeLocations.NamedArgument(attribute, property, _type, context.CancellationToken)
                : AttributeLocations.Attribute(attribute, _type, context.CancellationToken),
            attributeName,
            name,
            problem));

    private void ReportInvalidId(Location location, string what, string? id)
    {
        var suggestion = ModuleRules.SuggestId(id);
        context.ReportDiagnostic(Diagnostic.Create(Rules.InvalidId, location, Suggest(suggestion), what, id ?? "null", suggestion));
    }

    private static ImmutableDictionary<string, string?> Suggest(string value) =>
        ImmutableDictionary<string, string?>.Empty.Add(DiagnosticPropertyNames.Suggestion, value);
}
