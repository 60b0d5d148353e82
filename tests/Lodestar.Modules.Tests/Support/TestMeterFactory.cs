using System.Diagnostics.Metrics;

namespace Lodestar.Modules.Tests.Support;

/// <summary>An <see cref="IMeterFactory"/> whose meters carry it as their scope, so a test listens only to its own bus.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
