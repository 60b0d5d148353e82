using System.ComponentModel.DataAnnotations;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Tests.Configuration;

/// <summary>Module options: bound from the module's configuration section before it starts, and validated so a broken value fails the start naming the key, the rule and the fix.</summary>
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

    /// <summary>A type-level DataAnnotations rule: the lower bound must not exceed the upper bound.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class OrderedBoundsAttribute : ValidationAttribute
    {
        protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
            value is BoundsOptions { Min: var min, Max: var max } && min <= max
                ? ValidationResult.Success
                : new ValidationResult("Min must not exceed Max.");
    }

    [OrderedBounds]
    public sealed class BoundsOptions
    {
        public int Min { get; set; } = 1;

        public int Max { get; set; } = 5;
    }

    /// <summary>Options whose setter guards its own value, a common options pattern.</summary>
    public sealed class PortOptions
    {
        private int _port = 8080;

        public int Port
        {
            get => _port;
            set => _port = value is > 0 and <= 65_535 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Port must be 1 to 65535.");
        }
    }

    /// <summary>Valid options whose <see cref="IValidatableObject"/> says so the way DataAnnotations allows: by yielding Success.</summary>
    public sealed class WindowOptions : IValidatableObject
    {
        public int Seconds { get; set; } = 30;

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            yield return Seconds > 0 ? ValidationResult.Success! : new ValidationResult("Seconds must be positive.", [nameof(Seconds)]);
        }
    }

    /// <summary>Options with a derived, read-only property that has no validation rule and throws for the default value.</summary>
    public sealed class EndpointOptions
    {
        [Required]
        public string? Address { get; set; }

        public Uri Endpoint => new(Address!);
    }

    private sealed class EndpointModule : LodestarModule<EndpointOptions>
    {
        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken) => new(Result.Success());
    }

    private sealed class WindowModule : LodestarModule<WindowOptions>
    {
        public WindowOptions? Seen { get; private set; }

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Seen = Options;
            return new(Result.Success());
        }
    }

    private sealed class BoundsModule : LodestarModule<BoundsOptions>
    {
        public BoundsOptions? Seen { get; private set; }

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Seen = Options;
            return new(Result.Success());
        }
    }

    private sealed class PortModule : LodestarModule<PortOptions>
    {
        public int Starts { get; private set; }

        protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
        {
            Starts++;
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
    public async Task Start_InvalidOption_MessageSaysToEnableOrRestartTheModuleOnceFixed()
    {
        // Nothing watches configuration: a module failed by its options stays Failed after the value is
        // fixed until it is enabled or restarted, so "fix the value" alone leaves an operator waiting.
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "500";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var error = _harness.Snapshot("usage-tracker").LastError!;
        Assert.Contains("then enable or restart the module", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnconvertibleOption_MessageSaysToEnableOrRestartTheModuleOnceFixed()
    {
        AddTracker();
        _harness.Settings["Lodestar:Modules:usage-tracker:Options:BatchSize"] = "lots";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var error = _harness.Snapshot("usage-tracker").LastError!;
        Assert.Contains("then enable or restart the module", error.Message, StringComparison.Ordinal);
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
    public async Task Start_TypeLevelValidationAttributeBroken_FailsWithOptionsInvalid()
    {
        var module = new BoundsModule();
        _harness.Add(module, "bounds");
        _harness.Settings["Lodestar:Modules:bounds:Options:Min"] = "10";
        _harness.Settings["Lodestar:Modules:bounds:Options:Max"] = "2";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("bounds");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("module.options.invalid", snapshot.LastError?.Code);
        Assert.Contains("Lodestar:Modules:bounds:Options breaks [OrderedBounds]: Min must not exceed Max.", snapshot.LastError?.Message, StringComparison.Ordinal);
        Assert.Null(module.Seen);
    }

    [Fact]
    public async Task Start_OptionSetterRejectsValue_FailsAsInvalidOptionsAndIsNotRetried()
    {
        var module = new PortModule();
        _harness.Add(module, "listener");
        _harness.Settings["Lodestar:Modules:listener:Options:Port"] = "0";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("listener");
        Assert.Equal(ModuleState.Failed, snapshot.State);
        Assert.Equal("module.options.invalid", snapshot.LastError?.Code);
        Assert.Equal(ErrorKind.Validation, snapshot.LastError?.Kind);
        Assert.Contains("Port must be 1 to 65535.", snapshot.LastError?.Message, StringComparison.Ordinal);

        // Bad options are never retried: only a configuration change fixes them.
        Assert.Equal(0, _harness.Time.ArmedTimerCount);
        Assert.Equal(0, module.Starts);
    }

    [Fact]
    public async Task Start_ValidatableObjectYieldingSuccess_StartsTheModule()
    {
        var module = new WindowModule();
        _harness.Add(module, "window");
        _harness.Settings["Lodestar:Modules:window:Options:Seconds"] = "10";
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        Assert.Null(_harness.Snapshot("window").LastError);
        Assert.Equal(ModuleState.Running, _harness.StateOf("window"));
        Assert.Equal(10, module.Seen?.Seconds);
    }

    [Fact]
    public async Task Start_PropertyWithoutValidationRules_IsNotReadByTheValidation()
    {
        // Like DataAnnotations' Validator: only properties with a rule are read. Reading the others ran a
        // derived property's getter (here: new Uri(null)), failing the start as an unexpected
        // TargetInvocationException "from StartAsync" that named no option, and retrying it.
        _harness.Add(new EndpointModule(), "endpoint");
        var runtime = _harness.Build();

        await runtime.StartAllAsync();

        var snapshot = _harness.Snapshot("endpoint");
        Assert.Equal("module.options.invalid", snapshot.LastError?.Code);
        Assert.Contains("Lodestar:Modules:endpoint:Options:Address breaks [Required]", snapshot.LastError?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ReadBeforeStart_ThrowsExplainingWhen()
    {
        var tracker = AddTracker();

        _harness.Build();

        Assert.Contains("bound when the module starts", tracker.ReadTooEarly, StringComparison.Ordinal);
    }
}
