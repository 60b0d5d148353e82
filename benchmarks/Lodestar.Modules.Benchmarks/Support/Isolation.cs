namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Hand-written handler isolation, the least any bus that keeps one failing handler from stopping
/// the others must do: a <c>try</c>/<c>catch</c> around each call, the failure counted. Not generic,
/// so the calls need no generic lookup in shared code.
/// </summary>
internal static class Isolation
{
    /// <summary>Gets how many handler calls failed (kept so the catch blocks are not empty).</summary>
    public static int Failures { get; private set; }

    public static void Call(IEventHandler<RequestCompleted> handler, RequestCompleted message)
    {
        try
        {
            handler.Handle(message);
        }
        catch (Exception)
        {
            Failures++;
        }
    }

    public static void CallEach(IEventHandler<RequestCompleted>[] handlers, RequestCompleted message)
    {
        for (var i = 0; i < handlers.Length; i++)
        {
            try
            {
                handlers[i].Handle(message);
            }
            catch (Exception)
            {
                Failures++;
            }
        }
    }
}
