using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Claims;
using Lodestar.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules;

/// <summary>
/// Orchestrates the modules: checks the graph, starts layers concurrently, cascades stops to
/// dependents, resumes blocked modules, supervises restarts and bounds every stop.
/// </summary>
/// <remarks>
/// Operations (start all, stop all, enable, disable, restart, fault handling, supervised restarts)
/// are serialised by one asynchronous lock; inside start all and stop all, the modules of one
/// dependency layer run concurrently. Every state change goes through a module's
/// <see cref="ModuleStateMachine"/>. Every wait is bounded by a timeout read from
/// <see cref="TimeProvider"/>, so no operation hangs on a misbehaving module.
/// </remarks>
internal sealed class ModuleRuntime : IModuleRuntime, IAsyncDisposable, IDisposable
{
    private readonly ModuleEntry[] _entries;
    private readonly Dictionary<string, ModuleEntry> _byId;
    private readonly Result<DependencyGraph> _graph;
    private readonly ModuleEntry[][] _layers = [];
    private readonly ModuleEntry[] _startOrder = [];
    private readonly ModuleRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EventBus _events;
    private readonly LodestarTelemetry _telemetry;
    private readonly IModuleAuthorizer _authorizer;
    private readonly SemaphoreSlim _operationLock = new(1, 1);

    /// <summary>Cancelled when the runtime starts stopping: every module start links it, so a start in progress ends instead of delaying the stop.</summary>
    private volatile CancellationTokenSource _stopping = new();
    private volatile bool _running;
    private volatile bool _disposed;

    public ModuleRuntime(
        IReadOnlyList<ModuleRegistration> registrations,
        IServiceProvider services,
        IConfiguration configuration,
        ModuleRuntimeOptions options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        EventBus events,
        LodestarTelemetry telemetry,
        IModuleAuthorizer authorizer)
    {
        options.Validate();
        _events = events;
        _telemetry = telemetry;
        _authorizer = authorizer;
        _options = options;
        _time = timeProvider;
        _logger = loggerFactory.CreateLogger("Lodestar.Modules.Runtime");

        _entries = new ModuleEntry[registrations.Count];
        _byId = new Dictionary<string, ModuleEntry>(StringComparer.Ordinal);
        var manifests = new ModuleManifest[registrations.Count];
        for (var i = 0; i < registrations.Count; i++)
        {
            var registration = registrations[i];
            var manifest = registration.Manifest;
            manifests[i] = manifest;
            var entry = new ModuleEntry(i, registration.Module, manifest, options.RestartPolicyFor(manifest.Id));
            entry.Machine = new ModuleStateMachine(manifest.Id, timeProvider, change => OnStateChanged(entry, change));
            entry.Events = new ModuleEvents(events, manifest.Id);
            entry.Context = new ModuleContext(
                manifest,
                services,
                ModuleConfiguration.Section(configuration, manifest.Id),
                loggerFactory,
                timeProvider,
                entry.Events,
                this);
            _entries[i] = entry;
            _byId.TryAdd(manifest.Id, entry);
        }

        WarnOfUnknownRestartPolicyKeys(options);
        _graph = DependencyGraph.Build(manifests);
        if (_graph.TryGetValue(out var graph))
        {
            _layers = new ModuleEntry[graph.Layers.Length][];
            var order = new List<ModuleEntry>(_entries.Length);
            for (var layer = 0; layer < graph.Layers.Length; layer++)
            {
                _layers[layer] = Array.ConvertAll(graph.Layers[layer], index => _entries[index]);
                order.AddRange(_layers[layer]);
            }

            _startOrder = [.. order];
            foreach (var entry in _entries)
            {
                entry.Required = Array.ConvertAll(graph.Required[entry.Index], index => _entries[index]);
                entry.RequiredDependents = Array.ConvertAll(graph.RequiredDependents[entry.Index], index => _entries[index]);
            }
        }

        Health = new ModuleHealthMonitor(
            _startOrder.Length == _entries.Length ? _startOrder : _entries,
            _byId,
            events,
            options.Health,
            timeProvider,
            loggerFactory.CreateLogger("Lodestar.Modules.Health"),
            telemetry);
        telemetry.ObserveModules(ObserveStates, ObserveHealth);
    }

    public event EventHandler<ModuleStateChanged>? StateChanged;

    /// <summary>Gets the health monitor of these modules.</summary>
    public ModuleHealthMonitor Health { get; }

    public async ValueTask<Result> StartAllAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_graph.IsFailure)
        {
            Log.GraphInvalid(_logger, _graph.Error.Code, _graph.Error.Message);
            return _graph.Error;
        }

        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        CancellationTokenSource? linked = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_stopping.IsCancellationRequested)
            {
                // Replaced, not disposed: a StopAllAsync that read the old one may still cancel it.
                _stopping = new CancellationTokenSource();
            }

            linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);

            // Made here, once, not by the first of many concurrent starts: a channel resolves its
            // handlers from the container when it is made, and concurrent resolution contends.
            _events.GetChannel<ModuleStateChanged>();
            _running = true;
            foreach (var layer in _layers)
            {
                await ForEachConcurrentAsync(layer, StartFromConfigurationAsync, linked.Token).ConfigureAwait(false);

                // A module's start that was cancelled ends as a failed start, not as an exception: the
                // cancellation is noticed here, so no later layer starts, however many modules this one had.
                linked.Token.ThrowIfCancellationRequested();
            }

            await ResumeBlockedAsync(linked.Token).ConfigureAwait(false);
            return Result.Success();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Error.Cancelled("module.runtime.start-cancelled", "Starting the modules was cancelled because the runtime is stopping.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Error.Cancelled("module.runtime.start-cancelled", "Starting the modules was cancelled by the caller; modules already started keep running until StopAllAsync.");
        }
        finally
        {
            linked?.Dispose();
            _operationLock.Release();
        }
    }

    public async ValueTask StopAllAsync(CancellationToken cancellationToken = default)
    {
        // From here on nothing new starts: operations and supervised restarts that get the lock after
        // this find the runtime stopped, also when this call gives up waiting for the lock below.
        _running = false;

        // End any start in progress (a supervised restart, EnableAsync), so it does not hold the lock until its timeout.
        try
        {
            _stopping.Cancel();
        }
        catch (AggregateException exception)
        {
            Log.StoppingCallbackThrew(_logger, exception);
        }

        try
        {
            // Take a free lock even when the caller already gave up: the modules must still be (forcibly) stopped.
            if (!_operationLock.Wait(0, CancellationToken.None))
            {
                await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.StopGaveUpWaiting(_logger);
            return;
        }

        try
        {
            _running = false;
            foreach (var entry in _entries)
            {
                CancelPendingRestart(entry);
            }

            for (var layer = _layers.Length - 1; layer >= 0; layer--)
            {
                await ForEachConcurrentAsync(
                    _layers[layer],
                    (entry, _) => StopCoreAsync(entry, StopReason.Disable, "the runtime is stopping", null, cancellationToken),
                    CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _operationLock.Release();
        }
    }

    public ValueTask<Result> EnableAsync(string moduleId, CancellationToken cancellationToken = default) =>
        RunOperationAsync(moduleId, static async (runtime, entry, _) =>
        {
            // The caller's token only cancels waiting for the lock: once begun, a start is bounded by its
            // timeout and the runtime's stop, not by the caller leaving. A request to enable is a fresh start.
            entry.WantsEnabled = true;
            entry.ResetRestarts();
            CancelPendingRestart(entry);
            var stopping = runtime._stopping.Token;
            var result = await runtime.EnableCoreAsync(entry, "enabled by request", stopping).ConfigureAwait(false);
            await runtime.ResumeBlockedAsync(stopping).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    public ValueTask<Result> DisableAsync(string moduleId, CancellationToken cancellationToken = default) =>
        RunOperationAsync(moduleId, static async (runtime, entry, ct) =>
        {
            entry.WantsEnabled = false;
            CancelPendingRestart(entry);
            await runtime.StopCoreAsync(entry, StopReason.Disable, "disabled by request", null, CancellationToken.None).ConfigureAwait(false);
            return Result.Success();
        }, cancellationToken);

    public ValueTask<Result> RestartAsync(string moduleId, CancellationToken cancellationToken = default) =>
        RunOperationAsync(moduleId, static async (runtime, entry, _) =>
        {
            // The stop leaves it Disabled (or Failed, if abandoned): EnableCoreAsync then gives it a fresh restart budget.
            entry.WantsEnabled = true;
            CancelPendingRestart(entry);
            using var activity = StartActivity(entry, entry.RestartSpanName);
            runtime._telemetry.ModuleRestarts.Add(1, entry.IdTag, RequestedRestartTag);
            await runtime.StopCoreAsync(entry, StopReason.Disable, "restart requested", null, CancellationToken.None).ConfigureAwait(false);
            var stopping = runtime._stopping.Token;
            var result = await runtime.EnableCoreAsync(entry, "restart requested", stopping).ConfigureAwait(false);
            await runtime.ResumeBlockedAsync(stopping).ConfigureAwait(false);
            MarkOutcome(activity, result);
            return result;
        }, cancellationToken);

    public async ValueTask<Result> EnableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        var allowed = await AuthorizeAsync(ModulePermission.Manage, moduleId, caller, cancellationToken).ConfigureAwait(false);
        return allowed.IsFailure ? allowed : await EnableAsync(moduleId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Result> DisableAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        var allowed = await AuthorizeAsync(ModulePermission.Manage, moduleId, caller, cancellationToken).ConfigureAwait(false);
        return allowed.IsFailure ? allowed : await DisableAsync(moduleId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Result> RestartAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        var allowed = await AuthorizeAsync(ModulePermission.Manage, moduleId, caller, cancellationToken).ConfigureAwait(false);
        return allowed.IsFailure ? allowed : await RestartAsync(moduleId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Result> AuthorizeAsync(ModulePermission permission, string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moduleId);

        // Asked before the id is looked up, so a caller without the permission learns nothing about which modules exist.
        if (!await _authorizer.IsAllowedAsync(permission, moduleId, caller, cancellationToken).ConfigureAwait(false))
        {
            var name = CallerName(caller);
            Log.Forbidden(_logger, name, permission.For(moduleId), moduleId);
            return ModuleErrors.Forbidden(moduleId, permission, name);
        }

        return _byId.ContainsKey(moduleId) ? Result.Success() : ModuleErrors.NotFound(moduleId);
    }

    public async ValueTask<IReadOnlyList<ModuleSnapshot>> GetSnapshotsAsync(ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        var all = GetSnapshots();
        var visible = new List<ModuleSnapshot>(all.Count);
        foreach (var snapshot in all)
        {
            if (await _authorizer.IsAllowedAsync(ModulePermission.View, snapshot.Id, caller, cancellationToken).ConfigureAwait(false))
            {
                visible.Add(snapshot);
            }
        }

        return visible;
    }

    public async ValueTask<Result<ModuleSnapshot>> GetSnapshotAsync(string moduleId, ClaimsPrincipal? caller, CancellationToken cancellationToken = default)
    {
        var allowed = await AuthorizeAsync(ModulePermission.View, moduleId, caller, cancellationToken).ConfigureAwait(false);
        return allowed.IsFailure ? allowed.Error : GetSnapshot(moduleId);
    }

    public IReadOnlyList<ModuleSnapshot> GetSnapshots()
    {
        var order = _startOrder.Length == _entries.Length ? _startOrder : _entries;
        var snapshots = new ModuleSnapshot[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            snapshots[i] = Snapshot(order[i]);
        }

        return snapshots;
    }

    public Result<ModuleSnapshot> GetSnapshot(string moduleId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        return _byId.TryGetValue(moduleId, out var entry) ? Snapshot(entry) : ModuleErrors.NotFound(moduleId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        // Marked first, so an operation queued behind the stop below finds the runtime disposed when
        // its turn comes, instead of starting a module. The lock and the stopping source are never
        // disposed: neither holds a wait handle or a timer, and disposing the lock would strand the
        // callers still waiting for it.
        _disposed = true;
        await Health.StopAsync().ConfigureAwait(false);
        Health.Dispose();

        // Always: a StopAllAsync whose caller gave up may have left modules running.
        await StopAllAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal bool IsCapabilityActive(string moduleId, string capability, bool whileStarting)
    {
        var entry = _byId[moduleId];
        ModuleCapability? declared = null;
        foreach (var candidate in entry.Manifest.Capabilities)
        {
            if (string.Equals(candidate.Name, capability, StringComparison.Ordinal))
            {
                declared = candidate;
                break;
            }
        }

        if (declared is null)
        {
            var names = string.Join(", ", entry.Manifest.Capabilities.Select(c => c.Name));
            throw new ArgumentException(
                $"Module '{moduleId}' declares no capability '{capability}' (declared: {(names.Length == 0 ? "none" : names)}). Add [Capability(\"{capability}\")] to the module or check the name.",
                nameof(capability));
        }

        var state = entry.State;
        return (state == ModuleState.Running || (whileStarting && state == ModuleState.Starting)) && RequirementsRunning(declared);
    }

    internal void ReportFailure(string moduleId, Exception exception)
    {
        var entry = _byId[moduleId];
        Log.FailureReported(_logger, moduleId, exception);
        if (entry.Events.IsFlowOfAbandonedRun())
        {
            // Made by the work of a start that was abandoned: it speaks for a run that is over.
            Log.FailureReportIgnored(_logger, entry.Id, entry.State, exception);
            return;
        }

        // The run the report is about: a module reporting while it starts speaks for the run it is starting.
        var run = Volatile.Read(ref entry.RunNumber) + (entry.State == ModuleState.Starting ? 1 : 0);
        _ = Task.Run(() => HandleFaultAsync(entry, run, exception));
    }

    private async Task HandleFaultAsync(ModuleEntry entry, long run, Exception exception)
    {
        // Started from the reporting module's flow: what follows (a cascade, a restart) is the runtime's.
        ModuleEvents.LeaveRun();
        await _operationLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // A report of an earlier run (e.g. its loop ending while a restart stopped it) never stops
            // a later one; nor does one handled once the runtime stopped or was disposed.
            if (!_running || _disposed || entry.State != ModuleState.Running || Volatile.Read(ref entry.RunNumber) != run)
            {
                Log.FailureReportIgnored(_logger, entry.Id, entry.State, exception);
                return;
            }

            var error = ModuleErrors.Faulted(entry.Id, exception);
            await StopCoreAsync(entry, StopReason.Fault, error.Message, error, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private async ValueTask<Result> RunOperationAsync(
        string moduleId,
        Func<ModuleRuntime, ModuleEntry, CancellationToken, Task<Result>> operation,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_byId.TryGetValue(moduleId, out var entry))
        {
            return ModuleErrors.NotFound(moduleId);
        }

        // Called by a module's own work, perhaps: the operation is the runtime's, not that run's.
        ModuleEvents.LeaveRun();
        await _operationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_running)
            {
                return ModuleErrors.RuntimeNotStarted(moduleId);
            }

            return await operation(this, entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _operationLock.Release();
        }
    }

    private async ValueTask StartFromConfigurationAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        if (entry.State != ModuleState.Disabled)
        {
            // On since an earlier StartAllAsync or an EnableAsync: configuration decides only for modules
            // that are off; a failed one that is still wanted gets another start.
            if (entry.WantsEnabled)
            {
                await EnableCoreAsync(entry, "start-up", cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        bool enabled;
        try
        {
            enabled = ModuleConfiguration.IsEnabled(entry.Context.Configuration, entry.Id);
        }
        catch (InvalidOperationException exception)
        {
            entry.WantsEnabled = false;
            entry.LastError = ModuleErrors.InvalidEnabledSetting(exception.Message);
            Log.InvalidEnabledSetting(_logger, entry.Id, exception.Message);
            return;
        }

        if (!enabled)
        {
            entry.WantsEnabled = false;

            // Off because the setting says so now: an invalid value read at an earlier start no longer explains it.
            entry.ForgetInvalidEnabledSetting();

            Log.DisabledByConfiguration(_logger, entry.Id);
            return;
        }

        entry.WantsEnabled = true;
        await EnableCoreAsync(entry, "start-up", cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result> EnableCoreAsync(ModuleEntry entry, string reason, CancellationToken cancellationToken)
    {
        switch (entry.State)
        {
            case ModuleState.Running:
            case ModuleState.Starting:
                return Result.Success();
            case ModuleState.Blocked:
                return await TryStartAsync(entry, cancellationToken).ConfigureAwait(false);
            case ModuleState.Failed or ModuleState.Disabled:
                // Enabling is a fresh start, with a fresh restart budget (after StopAllAsync, too).
                CancelPendingRestart(entry);
                entry.ResetRestarts();

                // An invalid Enabled setting no longer says why the module is off once it is on: a later
                // disable must not read as caused by it.
                entry.ForgetInvalidEnabledSetting();

                break;
        }

        var enabled = entry.Machine.Fire(ModuleTrigger.Enable, reason);
        if (enabled.IsFailure)
        {
            return enabled.Error;
        }

        return await TryStartAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an Enabling or Blocked module when its required dependencies run; otherwise leaves it Blocked.</summary>
    private async Task<Result> TryStartAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        var missing = MissingRequired(entry);
        entry.MissingDependencies = missing;
        if (missing.Length > 0)
        {
            if (entry.State == ModuleState.Enabling)
            {
                var list = string.Join(", ", missing);
                Fire(entry, ModuleTrigger.DependenciesMissing, "waiting for " + list);
                Log.Blocked(_logger, entry.Id, list);
            }

            return Result.Success();
        }

        if (!Fire(entry, ModuleTrigger.DependenciesReady, null))
        {
            return ModuleErrors.IllegalTransition(entry.Id, entry.State, ModuleTrigger.DependenciesReady);
        }

        using var activity = StartActivity(entry, entry.StartSpanName);
        var began = _time.GetTimestamp();
        var started = await RunStartAsync(entry, cancellationToken).ConfigureAwait(false);
        _telemetry.ModuleStartDuration.Record(_time.GetElapsedTime(began).TotalSeconds, entry.IdTag, started.IsSuccess ? SuccessTag : FailureTag);
        MarkOutcome(activity, started);
        if (started.IsSuccess)
        {
            Interlocked.Exchange(ref entry.RunningSinceUtcTicks, _time.GetUtcNow().UtcTicks);
            Interlocked.Increment(ref entry.RunNumber);
            Fire(entry, ModuleTrigger.Started, null);
            return Result.Success();
        }

        var error = started.Error;
        Log.StartFailed(_logger, entry.Id, error.Code, error.Message, error.Exception);
        var restartIn = PlanRestart(entry, error);
        Fire(entry, ModuleTrigger.Fault, error.Message);
        ArmRestart(entry, restartIn);
        return error;
    }

    private async Task<Result> RunStartAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.StartTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);

        // A StartAsync, StopAsync or ForceStop of this module that an earlier operation abandoned may
        // still be running: calling into the module now (binding its options included) would run its
        // code concurrently with itself. The wait is part of this start, bounded by the same timeout
        // and the runtime stopping; if the old call outlasts it, StartAsync is not called at all.
        var lingering = entry.Lingering;
        if (lingering is { IsCompleted: false })
        {
            Log.WaitingForAbandonedCall(_logger, entry.Id, entry.LingeringCalls);
            await lingering.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!lingering.IsCompleted)
            {
                return timeout.IsCancellationRequested
                    ? ModuleErrors.PreviousStillRunning(entry.Id, entry.LingeringCalls, _options.StartTimeout)
                    : ModuleErrors.StartCancelled(entry.Id);
            }
        }

        Result bound;
        try
        {
            bound = entry.Module.BindOptions(entry.Context.Configuration);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return ModuleErrors.StartThrew(entry.Id, exception);
        }

        if (bound.IsFailure)
        {
            return bound.Error;
        }

        // On the thread pool, so a StartAsync that blocks before its first await is still bounded by
        // the timeout; whatever it throws, even before its first await, ends up in the task.
        var token = linked.Token;
        var run = entry.Events.NewRun();
        var task = Task.Run(
            () =>
            {
                // Everything this start goes on to run belongs to this run: if the start is abandoned
                // and keeps going, it cannot subscribe into the module's next run.
                ModuleEvents.EnterRun(run);
                return entry.Module.InvokeStartAsync(entry.Context, token).AsTask();
            },
            CancellationToken.None);
        try
        {
            return await task.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            run.Abandon();
            ObserveAbandoned(entry, task, "StartAsync", Log.AbandonedStartFaulted);
            return timeout.IsCancellationRequested ? ModuleErrors.StartTimedOut(entry.Id, _options.StartTimeout) : ModuleErrors.StartCancelled(entry.Id);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return ModuleErrors.StartThrew(entry.Id, exception);
        }
    }

    /// <summary>
    /// Stops a module for <paramref name="reason"/>: first its running dependents (they become
    /// Blocked), then the module itself, gracefully and bounded, then forced and bounded, then abandoned.
    /// </summary>
    private async ValueTask StopCoreAsync(ModuleEntry entry, StopReason reason, string description, Error? fault, CancellationToken cancellationToken)
    {
        // Its dependents stop first and list what they are missing: this module counts as missing
        // from now on, also for a dependent reached again through another path of the cascade.
        entry.GoingDown = true;
        try
        {
            await StopDependentsThenSelfAsync(entry, reason, description, fault, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            entry.GoingDown = false;
        }
    }

    private async ValueTask StopDependentsThenSelfAsync(ModuleEntry entry, StopReason reason, string description, Error? fault, CancellationToken cancellationToken)
    {
        for (var i = entry.RequiredDependents.Length - 1; i >= 0; i--)
        {
            var dependent = entry.RequiredDependents[i];
            if (dependent.State is ModuleState.Running or ModuleState.Blocked)
            {
                await StopCoreAsync(dependent, StopReason.DependencyLost, $"dependency '{entry.Id}' is stopping", null, cancellationToken).ConfigureAwait(false);
            }
        }

        switch (entry.State)
        {
            case ModuleState.Running:
                break;
            case ModuleState.Blocked or ModuleState.Failed when reason == StopReason.Disable:
                Fire(entry, ModuleTrigger.Disable, description);
                return;
            case ModuleState.Blocked when reason == StopReason.DependencyLost:
                entry.MissingDependencies = MissingRequired(entry);
                return;
            default:
                return;
        }

        Fire(entry, ModuleTrigger.Stop, description);
        Interlocked.Exchange(ref entry.RunningSinceUtcTicks, 0);
        Error? problem;
        bool abandoned;
        using (var activity = StartActivity(entry, entry.StopSpanName))
        {
            var began = _time.GetTimestamp();
            (problem, abandoned) = await RunStopAsync(entry, cancellationToken).ConfigureAwait(false);
            var outcome = problem is null ? GracefulTag : abandoned ? AbandonedTag : ForcedTag;
            _telemetry.ModuleStopDuration.Record(_time.GetElapsedTime(began).TotalSeconds, entry.IdTag, outcome);
            if (activity is not null)
            {
                activity.SetTag(outcome.Key, outcome.Value);
                if (problem is not null)
                {
                    activity.SetTag(ErrorCodeTag, problem.Code);
                    if (abandoned)
                    {
                        activity.SetStatus(ActivityStatusCode.Error, problem.Message);
                    }
                }
            }
        }

        if (problem is not null)
        {
            entry.LastError = problem;
        }

        if (abandoned)
        {
            Fire(entry, ModuleTrigger.Fault, problem!.Message);
            return;
        }

        switch (reason)
        {
            case StopReason.Disable:
                Fire(entry, ModuleTrigger.Stopped, description);
                break;
            case StopReason.DependencyLost:
                // Set before the transition, so its observers (snapshots, health) see what is missing.
                entry.MissingDependencies = MissingRequired(entry);
                Fire(entry, ModuleTrigger.DependenciesMissing, description);
                break;
            case StopReason.Fault:
                var restartIn = PlanRestart(entry, fault!);
                Fire(entry, ModuleTrigger.Fault, description);
                ArmRestart(entry, restartIn);
                break;
        }
    }

    private async Task<(Error? Problem, bool Abandoned)> RunStopAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        var graceful = entry.Manifest.GracefulStopTimeout;
        Error problem;
        using (var timeout = new CancellationTokenSource(graceful, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken))
        {
            // On the thread pool, so a StopAsync that blocks before its first await is still bounded by the timeout.
            var token = linked.Token;
            var stopping = Task.Run(() => entry.Module.InvokeStopAsync(entry.Context, token).AsTask(), CancellationToken.None);
            try
            {
                await stopping.WaitAsync(token).ConfigureAwait(false);
                return (null, false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                if (!stopping.IsCompleted)
                {
                    ObserveAbandoned(entry, stopping, "StopAsync", Log.AbandonedStopFaulted);
                }

                problem = ModuleErrors.StopTimedOut(entry.Id, graceful);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                problem = ModuleErrors.StopThrew(entry.Id, exception);
            }
        }

        Log.ForcingStop(_logger, entry.Id, problem.Code, problem.Exception);
        var force = entry.Manifest.ForceStopTimeout;
        var forced = Task.Run(entry.Module.InvokeForceStop, CancellationToken.None);
        Error abandoned;
        try
        {
            // Not the caller's token: ForceStop is bounded by its own timeout even when the host gave up.
            await forced.WaitAsync(force, _time, CancellationToken.None).ConfigureAwait(false);
            return (problem, false);
        }
        catch (TimeoutException)
        {
            abandoned = ModuleErrors.Abandoned(entry.Id, force, null);
            ObserveAbandoned(entry, forced, "ForceStop", Log.LateForceStopFaulted);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            abandoned = ModuleErrors.Abandoned(entry.Id, force, exception);
        }

        Log.Abandoned(_logger, entry.Id, abandoned.Message, abandoned.Exception);
        return (abandoned, true);
    }

    private async Task ResumeBlockedAsync(CancellationToken cancellationToken)
    {
        // One pass in start order suffices: a module's dependencies come before it.
        foreach (var entry in _startOrder)
        {
            if (entry.State == ModuleState.Blocked && entry.WantsEnabled)
            {
                await TryStartAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Records <paramref name="error"/> as the module's last error and decides, under its restart
    /// policy, whether and when the supervisor restarts it. Runs before the Fault transition, so
    /// observers of that transition see the final error.
    /// </summary>
    /// <returns>The backoff before the restart, or <see langword="null"/> when the module stays Failed.</returns>
    private TimeSpan? PlanRestart(ModuleEntry entry, Error error)
    {
        entry.LastError = error;
        var policy = entry.RestartPolicy;
        // Not retried: bad options (only a configuration change fixes them), and a start the caller
        // of StartAllAsync cancelled (not a failure of the module; it stays off until enabled again).
        if (!_running || !entry.WantsEnabled || policy.MaxRestarts == 0 || error.Kind is ErrorKind.Validation or ErrorKind.Cancelled)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var restartsInWindow = entry.CountRestartsWithin(now, policy.Window);
        if (restartsInWindow >= policy.MaxRestarts)
        {
            entry.LastError = ModuleErrors.RestartLimitReached(entry.Id, restartsInWindow, policy.Window, error);
            Log.RestartLimitReached(_logger, entry.Id, entry.LastError.Message);
            return null;
        }

        var delay = policy.GetBackoff(restartsInWindow);
        entry.RecordRestart(now);
        entry.PlannedRestart = restartsInWindow + 1;
        Log.RestartScheduled(_logger, entry.Id, delay, restartsInWindow + 1, policy.MaxRestarts, policy.Window);
        return delay;
    }

    private void ArmRestart(ModuleEntry entry, TimeSpan? delay)
    {
        if (delay is null)
        {
            return;
        }

        var pending = new CancellationTokenSource();
        entry.PendingRestart = pending;
        _ = RestartAfterAsync(entry, delay.Value, pending);
    }

    /// <summary>
    /// Logs a warning (event 2003) for every restart policy keyed by an id that no registered module has,
    /// often a typo, which would otherwise apply to no module without a word. Not an error: an
    /// application may register some modules only in some deployments and keep one set of options.
    /// </summary>
    private void WarnOfUnknownRestartPolicyKeys(ModuleRuntimeOptions options)
    {
        string? registered = null;
        foreach (var key in options.RestartPolicies.Keys)
        {
            if (!_byId.ContainsKey(key))
            {
                registered ??= _entries.Length == 0 ? "none" : string.Join(", ", _entries.Select(e => e.Id));
                Log.UnknownRestartPolicyKey(_logger, key, registered);
            }
        }
    }

    /// <summary>
    /// The supervised restart: waits out the backoff, then restarts the module if it is still Failed and
    /// wanted. Should the restart itself throw (never the module's start failing, which is a result), the
    /// module's last error becomes <c>module.restart.failed</c>, carrying the exception and the error before
    /// it, and event 2002 is logged naming the module; the supervisor does not retry it.
    /// </summary>
    private async Task RestartAfterAsync(ModuleEntry entry, TimeSpan delay, CancellationTokenSource pending)
    {
        ModuleEvents.LeaveRun();
        try
        {
            await Task.Delay(delay, _time, pending.Token).ConfigureAwait(false);
            await _operationLock.WaitAsync(pending.Token).ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(entry.PendingRestart, pending) || !_running || !entry.WantsEnabled || entry.State != ModuleState.Failed)
                {
                    return;
                }

                entry.PendingRestart = null;
                try
                {
                    entry.CountRestart();
                    using var activity = StartActivity(entry, entry.RestartSpanName);
                    _telemetry.ModuleRestarts.Add(1, entry.IdTag, SupervisorRestartTag);
                    Fire(entry, ModuleTrigger.Restart, $"restart {entry.PlannedRestart} of {entry.RestartPolicy.MaxRestarts}");
                    MarkOutcome(activity, await TryStartAsync(entry, _stopping.Token).ConfigureAwait(false));
                    await ResumeBlockedAsync(_stopping.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // Recorded under the lock, before it is logged: the snapshot must not go on telling only
                    // of the failure before the restart, as if the restart were still to come.
                    entry.LastError = ModuleErrors.RestartFailed(entry.Id, exception, entry.LastError);
                    Log.RestartCrashed(_logger, entry.Id, exception);
                }
            }
            finally
            {
                _operationLock.Release();
            }
        }
        catch (OperationCanceledException) when (pending.IsCancellationRequested)
        {
            // Cancelled on purpose: the module was disabled, enabled again or the runtime is stopping.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.RestartCrashed(_logger, entry.Id, exception);
        }
    }

    /// <summary>Cancels a pending supervisor restart; call under the operation lock.</summary>
    private static void CancelPendingRestart(ModuleEntry entry)
    {
        var pending = entry.PendingRestart;
        entry.PendingRestart = null;
        pending?.Cancel();
    }

    /// <summary>The module's required dependencies that are not running, or are being stopped.</summary>
    private static string[] MissingRequired(ModuleEntry entry)
    {
        List<string>? missing = null;
        foreach (var dependency in entry.Required)
        {
            if (dependency.State != ModuleState.Running || dependency.GoingDown)
            {
                (missing ??= []).Add(dependency.Id);
            }
        }

        return missing is null ? [] : [.. missing];
    }

    private bool RequirementsRunning(ModuleCapability capability)
    {
        foreach (var required in capability.Requires)
        {
            if (!_byId.TryGetValue(required, out var dependency) || dependency.State != ModuleState.Running)
            {
                return false;
            }
        }

        return true;
    }

    private ModuleSnapshot Snapshot(ModuleEntry entry)
    {
        var state = entry.State;
        var active = new List<string>();
        if (state == ModuleState.Running)
        {
            foreach (var capability in entry.Manifest.Capabilities)
            {
                if (RequirementsRunning(capability))
                {
                    active.Add(capability.Name);
                }
            }
        }

        var since = Interlocked.Read(ref entry.RunningSinceUtcTicks);
        TimeSpan? uptime = state == ModuleState.Running && since != 0
            ? _time.GetUtcNow() - new DateTimeOffset(since, TimeSpan.Zero)
            : null;

        return new ModuleSnapshot(
            entry.Id,
            entry.Manifest.Version,
            entry.Manifest.Description,
            state,
            active,
            state == ModuleState.Blocked ? entry.MissingDependencies : [],
            entry.LastError,
            uptime,
            entry.RestartCount,
            entry.WantsEnabled,
            Health.CurrentReport(entry));
    }

    private bool Fire(ModuleEntry entry, ModuleTrigger trigger, string? reason)
    {
        var fired = entry.Machine.Fire(trigger, reason);
        if (fired.IsFailure)
        {
            Log.IllegalTransition(_logger, fired.Error.Message);
            return false;
        }

        return true;
    }

    private void OnStateChanged(ModuleEntry entry, ModuleStateChanged change)
    {
        Log.StateChanged(_logger, change.ModuleId, change.Previous, change.Current, change.Trigger, change.Reason);

        // A module may subscribe from the moment it starts; its subscriptions end before anyone
        // hears that it stopped or failed, so none of its handlers runs after that.
        if (change.Current == ModuleState.Starting)
        {
            entry.Events.Open();
        }
        else if (change.Current is ModuleState.Stopping or ModuleState.Failed)
        {
            entry.Events.Close();
        }

        var handlers = StateChanged;
        if (handlers is not null)
        {
            foreach (var handler in handlers.GetInvocationList())
            {
                try
                {
                    ((EventHandler<ModuleStateChanged>)handler)(this, change);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.StateChangedHandlerFailed(_logger, change.ModuleId, exception);
                }
            }
        }

        _events.Publish(change);
        Health.OnStateChanged(entry);
    }

    /// <summary>
    /// Takes care of a start, stop or force stop abandoned after its timeout, which may still be running:
    /// logs its fault, if it faults later, naming the module, and remembers it until it ends, so the
    /// module's next start waits for it (see <see cref="RunStartAsync"/>). Call under the operation lock.
    /// </summary>
    private void ObserveAbandoned(ModuleEntry entry, Task task, string call, Action<ILogger, string, Exception> log)
    {
        entry.RememberAbandoned(task, call);
        _ = task.ContinueWith(
            static (t, state) =>
            {
                var (logger, id, log) = ((ILogger, string, Action<ILogger, string, Exception>))state!;
                log(logger, id, t.Exception!.GetBaseException());
            },
            (_logger, entry.Id, log),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ForEachConcurrentAsync(ModuleEntry[] entries, Func<ModuleEntry, CancellationToken, ValueTask> action, CancellationToken cancellationToken)
    {
        if (entries.Length == 1)
        {
            await action(entries[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(entries, parallel, action).ConfigureAwait(false);
    }

    /// <summary>Starts a start, stop or restart activity when someone listens to the <c>Lodestar.Modules</c> source.</summary>
    private static Activity? StartActivity(ModuleEntry entry, string name)
    {
        var activity = LodestarTelemetry.ActivitySource.StartActivity(name, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag(LodestarTelemetry.ModuleIdTag, entry.Id);
            activity.SetTag("lodestar.module.version", entry.Manifest.Version);
        }

        return activity;
    }

    private static void MarkOutcome(Activity? activity, Result result)
    {
        if (activity is null)
        {
            return;
        }

        if (result.IsSuccess)
        {
            activity.SetTag(SuccessTag.Key, SuccessTag.Value);
            return;
        }

        activity.SetTag(FailureTag.Key, FailureTag.Value);
        activity.SetTag(ErrorCodeTag, result.Error.Code);
        activity.SetStatus(ActivityStatusCode.Error, result.Error.Message);
    }

    private static string CallerName(ClaimsPrincipal? caller) =>
        caller?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    private IEnumerable<Measurement<int>> ObserveStates()
    {
        var measurements = new Measurement<int>[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            measurements[i] = new Measurement<int>((int)_entries[i].State, _entries[i].IdTag);
        }

        return measurements;
    }

    private IEnumerable<Measurement<int>> ObserveHealth()
    {
        var measurements = new Measurement<int>[_entries.Length];
        for (var i = 0; i < _entries.Length; i++)
        {
            measurements[i] = new Measurement<int>((int)Health.CurrentReport(_entries[i]).Status, _entries[i].IdTag);
        }

        return measurements;
    }

    private const string ErrorCodeTag = "lodestar.error.code";
    private static readonly KeyValuePair<string, object?> SuccessTag = new("lodestar.module.outcome", "success");
    private static readonly KeyValuePair<string, object?> FailureTag = new("lodestar.module.outcome", "failure");
    private static readonly KeyValuePair<string, object?> GracefulTag = new("lodestar.module.outcome", "graceful");
    private static readonly KeyValuePair<string, object?> ForcedTag = new("lodestar.module.outcome", "forced");
    private static readonly KeyValuePair<string, object?> AbandonedTag = new("lodestar.module.outcome", "abandoned");
    private static readonly KeyValuePair<string, object?> RequestedRestartTag = new("lodestar.restart.trigger", "request");
    private static readonly KeyValuePair<string, object?> SupervisorRestartTag = new("lodestar.restart.trigger", "supervisor");

    private enum StopReason
    {
        /// <summary>The module is turned off: it ends Disabled.</summary>
        Disable,

        /// <summary>A required dependency is stopping: it ends Blocked and resumes when the dependency runs again.</summary>
        DependencyLost,

        /// <summary>The module reported a failure: it ends Failed and the supervisor may restart it.</summary>
        Fault,
    }
}
