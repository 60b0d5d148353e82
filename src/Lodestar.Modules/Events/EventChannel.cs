namespace Lodestar.Modules;

/// <summary>The untyped base of <see cref="EventChannel{TEvent}"/>, so a bus can keep channels of all types in one array.</summary>
internal abstract class EventChannel
{
}
