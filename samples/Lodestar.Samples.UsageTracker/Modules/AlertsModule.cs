using Lodestar.Modules;
using Lodestar.Results;
using Microsoft.Extensions.Logging;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Would alert on high error rates; switched off in appsettings.json to show <c>Enabled: false</c>.</summary>
[Module("alerts", "0.3.0", Description = "Alerts on error rates and slow responses")]
[DependsOn("usage-tracker")]
public sealed class AlertsModule : LodestarModule
{
    /// <inheritdoc />
    protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        context.Logger.LogInformation("Alerts are watching the usage log.");
        return new(Result.Success());
    }
}
