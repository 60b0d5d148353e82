using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules;

/// <summary>
/// A module with options: <typeparamref name="TOptions"/> is bound from configuration section
/// <c>Lodestar:Modules:&lt;id&gt;:Options</c> and validated with DataAnnotations each time the module
/// starts. A failed validation keeps the module <see cref="ModuleState.Failed"/> with a message that
/// names the module, the option and the rule; it is not retried, and a change of configuration does not
/// restart it: fix the value, then enable or restart the module.
/// </summary>
/// <remarks>
/// Binding uses <c>ConfigurationBinder</c> by reflection. Under trimming only the public properties of
/// <typeparamref name="TOptions"/> itself are kept: keep the options to scalar properties (or root the
/// nested option types yourself), or nested values are left at their defaults.
/// </remarks>
/// <typeparam name="TOptions">The options type: a class with a public parameterless constructor and settable properties.</typeparam>
public abstract class LodestarModule<[DynamicallyAccessedMembers(ModuleOptionsBinder.OptionsMembers)] TOptions> : LodestarModule
    where TOptions : class, new()
{
    private TOptions? _options;

    /// <summary>Gets the module's bound and validated options.</summary>
    /// <exception cref="InvalidOperationException">Read before the module started.</exception>
    protected TOptions Options => _options ?? throw new InvalidOperationException(
        $"Options of module '{GetType().FullName}' are bound when the module starts; read them in StartAsync or later, not in the constructor or ConfigureServices.");

    internal override Result BindOptions(IConfiguration moduleSection)
    {
        var bound = ModuleOptionsBinder.Bind<TOptions>(Manifest.Id, moduleSection);
        if (bound.IsFailure)
        {
            return bound.Error;
        }

        _options = bound.Value;
        return Result.Success();
    }
}
