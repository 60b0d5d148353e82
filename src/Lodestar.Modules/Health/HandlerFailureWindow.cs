namespace Lodestar.Modules;

/// <summary>The deliveries to a module's event handlers, and their failures, within the health monitor's window.</summary>
/// <param name="Deliveries">Events delivered to the module's handlers (at least <paramref name="Failures"/>).</param>
/// <param name="Failures">Deliveries whose handler threw or faulted.</param>
/// <param name="LastFailure">The most recent failure's exception, when there were failures.</param>
internal readonly record struct HandlerFailureWindow(long Deliveries, long Failures, Exception? LastFailure)
{
    /// <summary>Gets the share of deliveries that failed; 0 when there were none.</summary>
    public double Rate => Deliveries == 0 ? 0 : (double)Failures / Deliveries;
}
