using Lodestar.Modules.Analyzers.Tests.Support;

namespace Lodestar.Modules.Analyzers.Tests.Analyzers;

public sealed class InvalidTimeoutTests
{
    private const string Id = RuleIdentifiers.InvalidTimeout;

    [Theory]
    [InlineData("HealthCheck([|IntervalSeconds = 0|])")]
    [InlineData("HealthCheck([|TimeoutSeconds = -1|])")]
    [InlineData("HealthCheck(IntervalSeconds = 10, [|TimeoutSeconds = 20|])")]
    [InlineData("HealthCheck([|TimeoutSeconds = 45|])")]
    [InlineData("HealthCheck([|IntervalSeconds = 2|])")]
    [InlineData("HealthCheck([|IntervalSeconds = 0|], [|TimeoutSeconds = 0|])")]
    [InlineData("Shutdown([|GracefulSeconds = 0|])")]
    [InlineData("Shutdown(GracefulSeconds = 10, [|ForceSeconds = -5|])")]
    [InlineData("Shutdown([|GracefulSeconds = 5000000|])")]
    [InlineData("HealthCheck([|IntervalSeconds = int.MaxValue|], [|TimeoutSeconds = int.MaxValue|])")]
    public Task ForNonPositiveOrInconsistentTimeouts_Triggers(string attribute) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        [{{attribute}}]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);

    [Theory]
    [InlineData("HealthCheck")]
    [InlineData("HealthCheck(IntervalSeconds = 5, TimeoutSeconds = 5)")]
    [InlineData("HealthCheck(IntervalSeconds = 60, TimeoutSeconds = 1)")]
    [InlineData("HealthCheck(TimeoutSeconds = 30)")]
    [InlineData("Shutdown(GracefulSeconds = 1, ForceSeconds = 1)")]
    [InlineData("Shutdown")]
    public Task ForPositiveConsistentTimeouts_DoesNotTrigger(string attribute) => AnalyzerVerifier.VerifyAsync($$"""
        using Lodestar.Modules;

        [Module("storage", "1.0.0", Description = "Stores things")]
        [{{attribute}}]
        public sealed class StorageModule : LodestarModule
        {
        }
        """, Id);
}
