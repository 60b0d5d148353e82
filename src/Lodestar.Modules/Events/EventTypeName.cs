namespace Lodestar.Modules;

/// <summary>
/// The name an event type goes by in logs, metric tags and activities: its short name, with the
/// type arguments of a generic type (<c>Envelope&lt;Int32&gt;</c>), so two channels never share a tag.
/// </summary>
internal static class EventTypeName<TEvent>
{
    public static readonly string Value = Of(typeof(TEvent));

    private static string Of(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var arguments = type.GetGenericArguments();
        var names = new string[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            names[i] = Of(arguments[i]);
        }

        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", names) + ">";
    }
}
