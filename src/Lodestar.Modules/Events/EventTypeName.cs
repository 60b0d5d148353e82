using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The name an event type goes by in logs, metric tags and activities: its short name, with the
/// type arguments of a generic type (<c>Envelope&lt;Int32&gt;</c>), so two channels never share a tag.
/// </summary>
internal static class EventTypeName<TEvent>
{
    public static readonly string Value = TypeNames.Format(typeof(TEvent));
}
