using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules;

/// <summary>
/// The modules registered on one service collection, in registration order, and the configuration they
/// read their settings from. Kept as a singleton so the runtime finds them. Once the runtime has taken
/// the modules (<see cref="Take"/>), no module can be added: it would never start.
/// </summary>
internal sealed class ModuleRegistry
{
    private readonly List<ModuleRegistration> _registrations = [];
    private string? _takenBy;

    public ModuleRegistry(IConfiguration configuration) => Configuration = configuration;

    /// <summary>Gets the configuration the modules read their settings from (<c>Lodestar:Modules:&lt;id&gt;</c>).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Gets the modules registered so far.</summary>
    public IReadOnlyList<ModuleRegistration> Registrations
    {
        get
        {
            lock (_registrations)
            {
                return [.. _registrations];
            }
        }
    }

    /// <summary>Gets what took the modules (e.g. "the module runtime was created"), or <see langword="null"/> while modules can still be added.</summary>
    public string? TakenBy
    {
        get
        {
            lock (_registrations)
            {
                return _takenBy;
            }
        }
    }

    public bool Contains(LodestarModule module)
    {
        lock (_registrations)
        {
            foreach (var registration in _registrations)
            {
                if (ReferenceEquals(registration.Module, module))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Adds a module; <see langword="false"/> when the modules were taken already.</summary>
    public bool TryAdd(ModuleRegistration registration)
    {
        lock (_registrations)
        {
            if (_takenBy is not null)
            {
                return false;
            }

            _registrations.Add(registration);
            return true;
        }
    }

    /// <summary>Returns the modules and closes the registry to further modules.</summary>
    /// <param name="by">What takes them, for the message of a module added too late.</param>
    public ModuleRegistration[] Take(string by)
    {
        lock (_registrations)
        {
            _takenBy ??= by;
            return [.. _registrations];
        }
    }
}
