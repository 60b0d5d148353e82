namespace Lodestar.Modules;

/// <summary>Gives every event type a small, process-wide index, so a bus finds its channel with one array read.</summary>
internal static class EventTypeSlot
{
    private static int _next = -1;

    public static int Next() => Interlocked.Increment(ref _next);
}

/// <summary>The index of <typeparamref name="TEvent"/>'s channel in every bus.</summary>
internal static class EventTypeSlot<TEvent>
{
    public static readonly int Index = EventTypeSlot.Next();
}
