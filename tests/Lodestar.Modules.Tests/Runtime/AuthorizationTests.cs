using System.Security.Claims;
using Lodestar.Modules.Tests.Support;
using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Tests.Runtime;

public sealed class AuthorizationTests : IAsyncDisposable
{
    private readonly RuntimeHarness _harness = new();
    private readonly GrantList _grants = new();

    public AuthorizationTests() => _harness.ConfigureServices = services => services.AddSingleton<IModuleAuthorizer>(_grants);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    /// <summary>Allows exactly the permissions a test grants, as "alice:manage:storage".</summary>
    private sealed class GrantList : IModuleAuthorizer
    {
        public HashSet<string> Granted { get; } = [];

        public List<(ModulePermission Permission, string ModuleId, string? Caller)> Asked { get; } = [];

        public ValueTask<bool> IsAllowedAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
        {
            var name = caller?.Identity?.Name;
            lock (Asked)
            {
                Asked.Add((permission, moduleId, name));
            }

            return new(Granted.Contains($"{name}:{permission.For(moduleId)}"));
        }
    }

    private static ClaimsPrincipal User(string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], authenticationType: "test"));

    private async Task<IModuleRuntime> StartAsync()
    {
        _harness.Add("storage");
        _harness.Add("tracker", requires: ["storage"]);
        var runtime = _harness.Build();
        await runtime.StartAllAsync();
        return runtime;
    }

    [Fact]
    public async Task DisableAsync_CallerWithoutManage_IsForbiddenAndNothingChanges()
    {
        var runtime = await StartAsync();
        var changesBefore = _harness.Changes.Count;

        var disabled = await runtime.DisableAsync("storage", User("bob"));

        Assert.Equal(ErrorKind.Forbidden, disabled.Error!.Kind);
        Assert.Equal("module.forbidden", disabled.Error!.Code);
        Assert.Equal(ModuleState.Running, _harness.StateOf("storage"));
        Assert.Equal(changesBefore, _harness.Changes.Count);
    }

    [Fact]
    public async Task DisableAsync_Forbidden_MessageNamesTheCallerTheModuleAndThePermission()
    {
        var runtime = await StartAsync();

        var disabled = await runtime.DisableAsync("storage", User("bob"));

        Assert.Equal(
            "Caller 'bob' may not manage module 'storage': it lacks the permission 'manage:storage'. Grant 'manage:storage' to the caller through the application's IModuleAuthorizer, or call as someone who holds it.",
            disabled.Error!.Message);
        Assert.Equal("manage:storage", disabled.Error!.Details["permission"]);
    }

    [Fact]
    public async Task DisableAsync_CallerWithManage_Disables()
    {
        var runtime = await StartAsync();
        _grants.Granted.Add("alice:manage:storage");

        var disabled = await runtime.DisableAsync("storage", User("alice"));

        Assert.True(disabled.IsSuccess);
        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
        Assert.Equal(ModuleState.Blocked, _harness.StateOf("tracker"));
    }

    [Fact]
    public async Task EnableAsync_AnonymousCaller_IsAskedAboutAndForbidden()
    {
        var runtime = await StartAsync();
        await runtime.DisableAsync("storage");

        var enabled = await runtime.EnableAsync("storage", caller: null);

        Assert.Equal("module.forbidden", enabled.Error!.Code);
        Assert.Contains("Caller 'anonymous'", enabled.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ModuleState.Disabled, _harness.StateOf("storage"));
    }

    [Fact]
    public async Task RestartAsync_CallerWithManage_Restarts()
    {
        var runtime = await StartAsync();
        _grants.Granted.Add("alice:manage:storage");

        var restarted = await runtime.RestartAsync("storage", User("alice"));

        Assert.True(restarted.IsSuccess);
        Assert.Equal(2, _harness.Changes.Count(c => c.ModuleId == "storage" && c.Current == ModuleState.Running));
    }

    [Fact]
    public async Task OverloadsWithoutCaller_AreTheApplicationsOwnAndAreNotAuthorized()
    {
        var runtime = await StartAsync();

        var disabled = await runtime.DisableAsync("storage");

        Assert.True(disabled.IsSuccess);
        Assert.Empty(_grants.Asked);
    }

    [Fact]
    public async Task AuthorizeAsync_UnknownModuleForAPermittedCaller_IsNotFound()
    {
        var runtime = await StartAsync();
        _grants.Granted.Add("alice:configure:ledger");

        var allowed = await runtime.AuthorizeAsync(ModulePermission.Configure, "ledger", User("alice"));

        Assert.Equal("module.not-found", allowed.Error!.Code);
    }

    [Fact]
    public async Task AuthorizeAsync_UnknownModuleForAnUnpermittedCaller_IsForbidden()
    {
        var runtime = await StartAsync();

        var allowed = await runtime.AuthorizeAsync(ModulePermission.Configure, "ledger", User("bob"));

        Assert.Equal("module.forbidden", allowed.Error!.Code);
    }

    [Fact]
    public async Task GetSnapshotsAsync_ListsOnlyTheModulesTheCallerMayView()
    {
        var runtime = await StartAsync();
        _grants.Granted.Add("carol:view:tracker");

        var visible = await runtime.GetSnapshotsAsync(User("carol"));

        Assert.Equal(["tracker"], visible.Select(s => s.Id));
    }

    [Fact]
    public async Task GetSnapshotAsync_CallerWithoutView_IsForbidden()
    {
        var runtime = await StartAsync();

        var snapshot = await runtime.GetSnapshotAsync("storage", User("carol"));

        Assert.Equal("module.forbidden", snapshot.Error!.Code);
    }

    [Fact]
    public async Task DefaultAuthorizer_AllowsEveryCaller()
    {
        var harness = new RuntimeHarness();
        await using var _ = harness;
        harness.Add("storage");
        var runtime = harness.Build();
        await runtime.StartAllAsync();

        var disabled = await runtime.DisableAsync("storage", User("anyone"));

        Assert.True(disabled.IsSuccess);
    }
}
