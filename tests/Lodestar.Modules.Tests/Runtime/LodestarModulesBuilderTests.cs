using Lodestar.Modules.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class LodestarModulesBuilderTests
{
    private static readonly IConfiguration EmptyConfiguration = new ConfigurationBuilder().Build();

    [Module("greeter", "1.0.0", Description = "Says hello")]
    private sealed class GreeterModule : LodestarModule
    {
        public override void ConfigureServices(IServiceCollection services) => services.AddSingleton(new Greeting("hello"));
    }

    [Module("broken", "1.0.0")]
    private sealed class ThrowingConfigureModule : LodestarModule
    {
        public override void ConfigureServices(IServiceCollection services) => throw new InvalidOperationException("no database configured");
    }

    private sealed class UndeclaredModule : LodestarModule;

    private sealed record Greeting(string Text);

    [Fact]
    public void AddModule_RunsPhaseOneBeforeTheContainerIsBuilt()
    {
        var services = new ServiceCollection();

        services.AddLodestarModulesCore(EmptyConfiguration).AddModule<GreeterModule>();

        Assert.Contains(services, d => d.ServiceType == typeof(Greeting));
    }

    [Fact]
    public void AddModule_ConfigureServicesThrows_ThrowsNamingModuleAndPhase()
    {
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.AddModule<ThrowingConfigureModule>());

        Assert.Contains("'broken'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigureServices (phase 1)", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("no database configured", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModule_NoModuleAttribute_ThrowsWithTheFix()
    {
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.AddModule<UndeclaredModule>());

        Assert.Contains("[Module(", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModule_SameInstanceTwice_Throws()
    {
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);
        var module = new GreeterModule();
        builder.AddModule(module);

        Assert.Throws<InvalidOperationException>(() => builder.AddModule(module));
    }

    [Fact]
    public void AddModule_ManifestOfAnotherType_Throws()
    {
        var builder = new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration);
        var manifest = ModuleManifest.Create(typeof(TestModule), "other", "1.0.0").Value;

        Assert.Throws<ArgumentException>(() => builder.AddModule(new GreeterModule(), manifest));
    }

    [Fact]
    public void AddLodestarModulesCore_CalledTwice_SharesOneRuntime()
    {
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(EmptyConfiguration).AddModule<GreeterModule>();
        services.AddLodestarModulesCore(EmptyConfiguration).AddModule(new TestModule(), ModuleManifest.Create(typeof(TestModule), "second", "1.0.0").Value);

        using var provider = services.BuildServiceProvider();

        Assert.Equal(["greeter", "second"], provider.GetRequiredService<IModuleRuntime>().GetSnapshots().Select(s => s.Id).Order());
    }

    [Fact]
    public void AddLodestarModulesCore_CalledAgainWithAnotherConfiguration_ThrowsNamingTheFix()
    {
        // The runtime reads every module's settings from the configuration of the first call; a second
        // configuration would be ignored without a word (and the builder's Configuration would name it).
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(EmptyConfiguration);
        var other = new ConfigurationBuilder().AddInMemoryCollection([new("Lodestar:Modules:greeter:Enabled", "false")]).Build();

        var thrown = Assert.Throws<ArgumentException>(() => services.AddLodestarModulesCore(other));

        Assert.Equal("configuration", thrown.ParamName);
        Assert.Contains("same configuration", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddModule_AfterTheRuntimeWasCreated_ThrowsNamingTheModule()
    {
        // The runtime takes its modules when it is created: one added later would never start, without a word.
        var services = new ServiceCollection();
        var builder = services.AddLodestarModulesCore(EmptyConfiguration);
        using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredService<IModuleRuntime>();

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.AddModule<GreeterModule>());

        Assert.Contains("'greeter'", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("before the service provider is built", thrown.Message, StringComparison.Ordinal);
        Assert.Empty(runtime.GetSnapshots());
    }

    [Fact]
    public void Manifest_IsAttachedWhenRegistered()
    {
        var module = new GreeterModule();

        new ServiceCollection().AddLodestarModulesCore(EmptyConfiguration).AddModule(module);

        Assert.Equal("greeter", module.Manifest.Id);
    }

    [Fact]
    public void Build_InvalidRuntimeOptions_ThrowsNamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(EmptyConfiguration).ConfigureRuntime(o => o.MaxDegreeOfParallelism = 0);
        using var provider = services.BuildServiceProvider();

        var thrown = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModuleRuntime>());

        Assert.Contains("MaxDegreeOfParallelism", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_StartTimeoutLongerThanATimerWaits_ThrowsNamingTheOption()
    {
        // A timer waits at most about 24.8 days (int.MaxValue ms): past that every start would throw
        // ArgumentOutOfRangeException out of StartAllAsync and leave the module Starting for good.
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(EmptyConfiguration).ConfigureRuntime(o => o.StartTimeout = TimeSpan.FromDays(60));
        using var provider = services.BuildServiceProvider();

        var thrown = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModuleRuntime>());

        Assert.Contains("StartTimeout", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RestartBackoffLongerThanATimerWaits_ThrowsNamingThePolicy()
    {
        // Uncapped (MaxBackoff = TimeSpan.MaxValue), the 40th backoff of a doubling policy is 2^39 s: the
        // supervisor's wait would throw and the module would never be restarted.
        var services = new ServiceCollection();
        services.AddLodestarModulesCore(EmptyConfiguration).ConfigureRuntime(o => o.DefaultRestartPolicy = new RestartPolicy
        {
            MaxRestarts = 40,
            Window = TimeSpan.FromDays(365),
            MaxBackoff = TimeSpan.MaxValue,
        });
        using var provider = services.BuildServiceProvider();

        var thrown = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IModuleRuntime>());

        Assert.Contains("DefaultRestartPolicy", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBackoff", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureRuntime_AfterTheRuntimeWasCreated_ThrowsNamingTheMethod()
    {
        // The runtime read its options when it was created: a later change would be ignored, without a word.
        var services = new ServiceCollection();
        var builder = services.AddLodestarModulesCore(EmptyConfiguration);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IModuleRuntime>();

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.ConfigureRuntime(o => o.StartTimeout = TimeSpan.FromSeconds(7)));

        Assert.Contains("ConfigureRuntime", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("before the service provider creates the module runtime", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigureEvents_AfterTheRuntimeWasCreated_ThrowsNamingTheMethod()
    {
        // The event bus the runtime uses read its options when it was made, before the runtime: a later change would be ignored.
        var services = new ServiceCollection();
        var builder = services.AddLodestarModulesCore(EmptyConfiguration);
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IModuleRuntime>();

        var thrown = Assert.Throws<InvalidOperationException>(() => builder.ConfigureEvents(o => o.AsyncHandlers = AsyncHandlerMode.Concurrent));

        Assert.Contains("ConfigureEvents", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("before the service provider creates the module runtime", thrown.Message, StringComparison.Ordinal);
    }
}
