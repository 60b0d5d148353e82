using System.ComponentModel.DataAnnotations;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Configuration;

public sealed class ModuleOptionsTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    public sealed class TrackerOptions
    {
        [Range(1, 100)]
        public int BatchSize { get; set; } = 10;

        [Required]
        public string? Region { get; set; } = "eu";
    }

    private sealed class TrackerModule : LodestarModule<TrackerOptions>
    {
        public TrackerOptions? Seen { get; private set; }

        public string? ReadTooEarly { get; private set; }

        public override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
        {
            try
            {
                _ = Options;
            }
            catch (InvalidOperationException exception)
            {
                ReadTooEarly = exception.Message;
            }
        }

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Seen = Options;
            return new(Result.Success());
        }
    }

    private TrackerModule AddTracker()
    {
        var module = new TrackerModule();
        _harness.Add(module, "usage-tracker");
        return module;
    }

    [Fact]
    public async Task Start_OptionsInConfiguration_AreBoundBeforeStartAsync()
    {
        var tracker = AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "42";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(42, tracker.Seen!.BatchSize);
        Assert.Equal("eu", tracker.Seen.Region);
    }

    [Fact]
    public async Task Start_InvalidOption_FailsWithMessageNamingModuleOptionAndRule()
    {
        var tracker = AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "500";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("usage-tracker");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        var error = snapshot.LastError!;
        Assert.Equal("module.options.invalid", error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("'usage-tracker'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Lodestar:Modules:usage-tracker:Options:BatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("[Range]", error.Message, StringComparison.Ordinal);
        Assert.Null(tracker.Seen);
    }

    [Fact]
    public async Task Start_SeveralInvalidOptions_NamesEachOne()
    {
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "0";
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:Region"] = "";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var error = _harness.Snapshot("usage-tracker").LastError!;
        Assert.Contains("BatchSize breaks [Range]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Region breaks [Required]", error.Message, StringComparison.Ordinal);
        Assert.Equal("Range: The field BatchSize must be between 1 and 100.", error.Details["Lodestar:Modules:usage-tracker:Options:BatchSize"]);
    }

    [Fact]
    public async Task Start_UnconvertibleOption_FailsWithValidationError()
    {
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "lots";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var error = _harness.Snapshot("usage-tracker").LastError!;
        Assert.Equal("module.options.invalid", error.Code);
        Assert.Contains("Lodestar:Modules:usage-tracker:Options", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InvalidOption_IsNotRestartedBecauseOnlyConfigurationCanFixIt()
    {
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "500";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Equal(0, _harness.Time.ArmedTimerCount);
    }

    [Fact]
    public void Options_ReadBeforeStart_ThrowsExplainingWhen()
    {
        var tracker = AddTracker();

        _harness.Build();

        Assert.Contains("bound when the module starts", tracker.ReadTooEarly, StringComparison.Ordinal);
    }
}
