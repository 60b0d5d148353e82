using Lodestar.Modules.Tests.Support;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>
/// A restart policy keyed by an id that no registered module has (often a typo) applies to no module:
/// the runtime says so when it is made, without refusing to run, since modules may be registered conditionally.
/// </summary>
public sealed class RestartPolicyKeyTests : IAsyncDisposable
{
    private const int UnknownRestartPolicyKeyEvent = 2003;

    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public RestartPolicyKeyTests() =>
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public void Build_RestartPolicyForAnUnregisteredId_LogsAWarningNamingTheKeyAndTheRegisteredIds()
    {
        _harness.Add("storage");
        _harness.Add("tracker");

        _harness.Build(o => o.RestartPolicies["strorage"] = RestartPolicy.Never);

        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == UnknownRestartPolicyKeyEvent);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'strorage'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("storage, tracker", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RestartPoliciesOfRegisteredIdsOnly_LogsNoWarning()
    {
        _harness.Add("storage");
        _harness.Add("tracker");

        _harness.Build(o => o.RestartPolicies["tracker"] = RestartPolicy.Never);

        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Id == UnknownRestartPolicyKeyEvent);
    }
}
