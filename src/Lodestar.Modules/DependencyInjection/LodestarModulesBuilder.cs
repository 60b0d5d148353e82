using Lodestar.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules;

/// <summary>
/// Adds modules to an application. Returned by <c>services.AddLodestarModules(configuration)</c>;
/// each <see cref="AddModule{TModule}()"/> reads the module's manifest and runs its phase 1
/// (<see cref="LodestarModule.ConfigureServices"/>) at once, before the container is built.
/// </summary>
public sealed class LodestarModulesBuilder
{
    private readonly ModuleRegistry _registry;

    internal LodestarModulesBuilder(IServiceCollection services, IConfiguration configuration, ModuleRegistry registry)
    {
        Services = services;
        Configuration = configuration;
        _registry = registry;
    }

    /// <summary>Gets the application's service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the configuration modules read their settings from (<c>Lodestar:Modules:&lt;id&gt;</c>).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Adds a module, with its generated manifest or, for a type without one, the manifest read from its attributes.</summary>
    /// <typeparam name="TModule">The module type.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The module's declaration is invalid, its <c>ConfigureServices</c> threw, or the module runtime was already created from the service provider; the message names the module and the fix.</exception>
    public LodestarModulesBuilder AddModule<TModule>()
        where TModule : LodestarModule, new()
        => AddModule(new TModule());

    /// <summary>
    /// Adds a module instance with the manifest the source generator wrote for its type
    /// (<see cref="GeneratedModuleManifests"/>); only a type without one has its attributes read by reflection.
    /// </summary>
    /// <param name="module">The module.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The module's declaration is invalid, the module was already added, its <c>ConfigureServices</c> threw, or the module runtime was already created from the service provider.</exception>
    public LodestarModulesBuilder AddModule(LodestarModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var type = module.GetType();
        var manifest = GeneratedModuleManifests.TryGet(type, out var generated) ? generated() : ModuleManifest.FromAttributes(type);
        return AddModule(module, ThrowIfInvalid(manifest));
    }

    /// <summary>
    /// Adds a module instance with a manifest built elsewhere (by the source generator, so nothing is
    /// read by reflection).
    /// </summary>
    /// <param name="module">The module.</param>
    /// <param name="manifest">The module's manifest; its <see cref="ModuleManifest.ModuleType"/> must be the module's type.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="manifest"/> describes another type than the module's.</exception>
    /// <exception cref="InvalidOperationException">The module was already added, its <c>ConfigureServices</c> threw, or the module runtime was already created from the service provider.</exception>
    public LodestarModulesBuilder AddModule(LodestarModule module, ModuleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.ModuleType != module.GetType())
        {
            throw new ArgumentException(
                $"Manifest '{manifest}' describes type '{manifest.ModuleType.FullName}', not the module's type '{module.GetType().FullName}'.",
                nameof(manifest));
        }

        if (_registry.Contains(module))
        {
            throw new InvalidOperationException(
                $"Module '{manifest.Id}' ({manifest.ModuleType.FullName}) was added twice. Call AddModule once per module.");
        }

        ThrowIfTaken(manifest);
        module.AttachManifest(manifest);
        try
        {
            module.ConfigureServices(Services);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                $"Module '{manifest.Id}' ({manifest.ModuleType.FullName}) threw {exception.GetType().Name} from ConfigureServices (phase 1): {exception.Message}",
                exception);
        }

        if (!_registry.TryAdd(new ModuleRegistration(module, manifest)))
        {
            ThrowIfTaken(manifest);
        }

        return this;
    }

    /// <summary>
    /// Configures the runtime: start-up parallelism, start timeout, restart policies, health alert rules.
    /// The options are validated when the runtime is created (by the host's start, or the first
    /// resolution of <see cref="IModuleRuntime"/>), which then throws an
    /// <see cref="InvalidOperationException"/> naming the option.
    /// </summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The module runtime was already created from the service provider: it read its options then, so this change would be ignored.</exception>
    public LodestarModulesBuilder ConfigureRuntime(Action<ModuleRuntimeOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfTaken(nameof(ConfigureRuntime));
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the event bus, e.g. whether asynchronous handlers run one after another or concurrently.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The module runtime was already created from the service provider: the event bus it uses read its options before it, so this change would be ignored.</exception>
    public LodestarModulesBuilder ConfigureEvents(Action<EventBusOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        ThrowIfTaken(nameof(ConfigureEvents));
        Services.Configure(configure);
        return this;
    }

    /// <summary>Throws once the runtime has taken the modules: one added now would never start.</summary>
    private void ThrowIfTaken(ModuleManifest manifest)
    {
        if (_registry.TakenBy is { } by)
        {
            throw new InvalidOperationException(
                $"Module '{manifest.Id}' ({manifest.ModuleType.FullName}) was added after {by}, so it would never start. " +
                "Add every module before the service provider is built: services.AddLodestarModules(configuration).AddModule<T>().");
        }
    }

    /// <summary>
    /// Throws once the modules were taken (by the runtime or the health checks, both made by the service
    /// provider): the provider was built by then, so an options change made now would be ignored.
    /// </summary>
    /// <param name="method">The configuring method called too late.</param>
    private void ThrowIfTaken(string method)
    {
        if (_registry.TakenBy is { } by)
        {
            throw new InvalidOperationException(
                $"{method} was called after {by}, so its change would be ignored: the service provider had read the options already. " +
                $"Call {method} before the service provider creates the module runtime: services.AddLodestarModules(configuration).{method}(...).");
        }
    }

    private static ModuleManifest ThrowIfInvalid(Result<ModuleManifest> manifest) =>
        manifest.IsSuccess ? manifest.Value : throw new InvalidOperationException(manifest.Error.Message);
}
