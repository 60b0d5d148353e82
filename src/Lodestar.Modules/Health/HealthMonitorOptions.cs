namespace Lodestar.Modules;

/// <summary>
/// The built-in alert rules of the health monitor (<see cref="ModuleRuntimeOptions.Health"/>): a
/// running module whose health check is slow, or whose event handlers keep failing, reads
/// <see cref="HealthStatus.Degraded"/> with the figure in its description.
/// </summary>
public sealed class HealthMonitorOptions
{
    /// <summary>
    /// Gets or sets how long a module's health check may take before the module reads
    /// <see cref="HealthStatus.Degraded"/> ("slow responses"). A check that runs past the module's
    /// <see cref="HealthCheckAttribute.TimeoutSeconds"/> reads <see cref="HealthStatus.Down"/> instead.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan SlowCheckThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the share of deliveries to the module's event handlers that may fail within
    /// <see cref="HandlerFailureWindow"/>; above it the module reads <see cref="HealthStatus.Degraded"/>
    /// ("high error rate"). Handlers count for the module that subscribed them through
    /// <see cref="ModuleContext.Events"/>. 1 turns the rule off.
    /// </summary>
    /// <remarks>
    /// Deliveries are counted from the first failure of a handler of that event type on, so event
    /// types whose handlers never fail cost nothing; the window is measured between health checks.
    /// </remarks>
    /// <value>The default value is 0.05 (5 %).</value>
    public double HandlerFailureRate { get; set; } = 0.05;

    /// <summary>
    /// Gets or sets how many deliveries the window must hold before the rate is judged, so that one
    /// failure among a module's first few events does not read as a high error rate.
    /// </summary>
    /// <value>The default value is 20.</value>
    public int HandlerFailureMinimumDeliveries { get; set; } = 20;

    /// <summary>Gets or sets the sliding window over which the handler failure rate is measured.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan HandlerFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (SlowCheckThreshold <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.SlowCheckThreshold is {SlowCheckThreshold}; it must be positive.");
        }

        if (!(HandlerFailureRate is >= 0 and <= 1))
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.HandlerFailureRate is {HandlerFailureRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}; it must be between 0 and 1 (0.05 is 5 %; 1 turns the rule off).");
        }

        if (HandlerFailureMinimumDeliveries < 1)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.HandlerFailureMinimumDeliveries is {HandlerFailureMinimumDeliveries}; it must be at least 1.");
        }

        if (HandlerFailureWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.HandlerFailureWindow is {HandlerFailureWindow}; it must be positive.");
        }
    }
}
