using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Tests.Runtime;

/// <summary>What a module reads from its context while it runs.</summary>
public sealed class ModuleContextTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();
    private readonly ListLoggerProvider _logs = new();

    public ModuleContextTests() =>
        _harness.ConfigureServices = services => services.AddLogging(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Logger_WritesUnderLodestarModulesAndTheModuleId()
    {
        var billing = _harness.Add("billing");
        billing.OnStart = static (context, _) =>
        {
            context.Logger.LogInformation("opening the ledger");
            return new(Result.Success());
        };
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var entry = Assert.Single(_logs.Entries, e => e.Message == "opening the ledger");
        Assert.Equal("Lodestar.Modules.billing", entry.Category);
    }

    [Fact]
    public async Task Logger_IsTheSameInstanceOnEveryRead()
    {
        var billing = _harness.Add("billing");
        ILogger? first = null;
        ILogger? second = null;
        billing.OnStart = (context, _) =>
        {
            first = context.Logger;
            second = context.Logger;
            return new(Result.Success());
        };
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.NotNull(first);
        Assert.Same(first, second);
    }
}
