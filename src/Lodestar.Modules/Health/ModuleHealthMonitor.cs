using Lodestar.Results;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules;

/// <summary>
/// Runs every module's health check on its interval, bounded by its timeout, keeps the last report
/// per module, applies the alert rules and tells when a module's status changes.
/// </summary>
/// <remarks>
/// One loop per module: check, then wait <see cref="ModuleManifest.HealthCheckInterval"/> on the
/// runtime's <see cref="TimeProvider"/>. A check runs on the thread pool and is abandoned (and its
/// eventual fault logged) when it overruns <see cref="ModuleManifest.HealthCheckTimeout"/>, so no
/// module can hang the monitor. The monitor waits for at most one check of a module at a time: a check asked for
/// while one is under way (<see cref="CheckAsync"/> during the loop's, or the other way round) joins
/// it (see <see cref="CheckCoreAsync"/>). A check's report counts only for the run it was made in
/// (<see cref="ModuleEntry.RunNumber"/>): once a module stops, its state speaks for it again.
/// A change is decided under the module's <see cref="ModuleHealthState.Gate"/> and told outside it,
/// one module's changes by one thread at a time, in order (see <see cref="Observe"/>), so observers
/// may read any module's health while they are told.
/// </remarks>
internal sealed class ModuleHealthMonitor : IModuleHealthMonitor, IDisposable
{
    private readonly ModuleEntry[] _entries;
    private readonly Dictionary<string, ModuleEntry> _byId;
    private readonly EventBus _bus;
    private readonly HealthMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LodestarTelemetry _telemetry;
    private readonly Lock _gate = new();
    private CancellationTokenSource? _running;
    private Task _loops = Task.CompletedTask;

    /// <param name="entries">The modules, in the order reports and gauges list them (start order).</param>
    /// <param name="byId">The modules by id.</param>
    /// <param name="bus">Where changes are published and handler failures are heard.</param>
    /// <param name="options">The alert rules.</param>
    /// <param name="timeProvider">The clock of every interval, timeout and latency.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="telemetry">The meter the changes are counted on.</param>
    public ModuleHealthMonitor(
        ModuleEntry[] entries,
        Dictionary<string, ModuleEntry> byId,
        EventBus bus,
        HealthMonitorOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        LodestarTelemetry telemetry)
    {
        _entries = entries;
        _byId = byId;
        _bus = bus;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _telemetry = telemetry;
        _bus.HandlerFailed += OnHandlerFailed;
    }

    public event EventHandler<ModuleHealthChanged>? HealthChanged;

    public bool IsRunning => Volatile.Read(ref _running) is not null;

    public HealthStatus GetAggregateStatus()
    {
        var worst = HealthStatus.Healthy;
        foreach (var entry in _entries)
        {
            if (entry.WantsEnabled)
            {
                var status = CurrentReport(entry).Status;
                if (status > worst)
                {
                    worst = status;
                }
            }
        }

        return worst;
    }

    public Result<HealthReport> GetReport(string moduleId)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        return _byId.TryGetValue(moduleId, out var entry) ? CurrentReport(entry) : ModuleErrors.NotFound(moduleId);
    }

    public async ValueTask<Result<HealthReport>> CheckAsync(string moduleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(moduleId);
        if (!_byId.TryGetValue(moduleId, out var entry))
        {
            return ModuleErrors.NotFound(moduleId);
        }

        // The caller's token ends only its own wait: the check may be the loop's, or have other callers
        // waiting for it, so nothing but the check's timeout cancels a check a caller started.
        return await CheckCoreAsync(entry, cancellationToken, CancellationToken.None).ConfigureAwait(false)
            ?? throw new OperationCanceledException(cancellationToken);
    }

    public void Start()
    {
        // Made before the monitor tells anything, and outside the gate (it builds the container's
        // handlers, which is outside code): a container handler of ModuleHealthChanged that cannot be
        // built fails this start, and so the host's, with the bus's error, instead of throwing out of the
        // first health change, which a state change of the runtime tells. Once made, publishing on it
        // does not throw. When running already, this is one array read.
        _bus.GetChannel<ModuleHealthChanged>();
        lock (_gate)
        {
            if (_running is not null)
            {
                return;
            }

            var running = new CancellationTokenSource();
            _running = running;
            foreach (var entry in _entries)
            {
                Observe(entry);
            }

            var loops = new Task[_entries.Length];
            for (var i = 0; i < _entries.Length; i++)
            {
                var entry = _entries[i];
                loops[i] = Task.Run(() => RunLoopAsync(entry, running.Token), CancellationToken.None);
            }

            _loops = Task.WhenAll(loops);
            Log.HealthMonitorStarted(_logger, _entries.Length);
        }
    }

    public async ValueTask StopAsync(CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? running;
        Task loops;
        lock (_gate)
        {
            running = _running;
            loops = _loops;
            _running = null;
        }

        if (running is null)
        {
            // Not running, or another StopAsync is stopping it: this one also returns once the loops have ended.
            await loops.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        await running.CancelAsync().ConfigureAwait(false);

        // The loops end at once: their waits and checks observe the cancellation.
        try
        {
            await loops.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Like StopAllAsync: a caller that gives up waiting (the host's shutdown timeout) is not an error.
            Log.HealthMonitorStopGaveUpWaiting(_logger);
            return;
        }

        running.Dispose();
    }

    public void Dispose()
    {
        _bus.HandlerFailed -= OnHandlerFailed;
        CancellationTokenSource? running;
        lock (_gate)
        {
            running = _running;
            _running = null;
        }

        running?.Cancel();
    }

    /// <summary>The report a module reads now: its last check while it runs, otherwise the report of its state.</summary>
    internal HealthReport CurrentReport(ModuleEntry entry) => CurrentReport(entry, Uptime(entry, _time.GetUtcNow()));

    private static HealthReport CurrentReport(ModuleEntry entry, TimeSpan? uptime)
    {
        var state = entry.State;
        if (state != ModuleState.Running)
        {
            return StateReport(entry, state);
        }

        HealthReport? last;
        long lastRun;
        lock (entry.Health.Gate)
        {
            last = entry.Health.LastCheck;
            lastRun = entry.Health.LastCheckRun;
        }

        return last is not null && lastRun == Interlocked.Read(ref entry.RunNumber)
            ? last.WithUptime(uptime)
            : new HealthReport(HealthStatus.Healthy, uptime: uptime);
    }

    /// <summary>Re-reads a module's status after its state changed; the runtime calls it after telling everyone of the change.</summary>
    internal void OnStateChanged(ModuleEntry entry)
    {
        if (IsRunning)
        {
            Observe(entry);
        }
    }

    private static HealthReport StateReport(ModuleEntry entry, ModuleState state)
    {
        switch (state)
        {
            case ModuleState.Enabling or ModuleState.Starting:
                return entry.Health.Starting;
            case ModuleState.Stopping:
                return entry.Health.Stopping;
            case ModuleState.Blocked:
                var missing = entry.MissingDependencies;
                var list = missing.Length == 0 ? "(none recorded)" : string.Join(", ", missing);
                return new HealthReport(
                    HealthStatus.Down,
                    $"Module '{entry.Id}' is blocked: required dependencies not running: {list}. It resumes by itself when they run.",
                    data: new Dictionary<string, object?> { ["missingDependencies"] = missing });
            case ModuleState.Failed:
                var error = entry.LastError;
                return new HealthReport(
                    HealthStatus.Down,
                    $"Module '{entry.Id}' failed: {error?.Message ?? "no error was recorded"}",
                    lastError: error);
            default:
                // A module kept off by an Enabled setting that is neither true nor false is disabled like
                // any other (so Down, and out of the aggregate, which counts only the modules wanted on),
                // but says why: the runtime only logs it, and /health should show the misconfiguration.
                return entry.LastError is { Code: ModuleErrors.InvalidEnabledSettingCode } invalid
                    ? DisabledByInvalidSetting(entry, invalid)
                    : entry.Health.Disabled;
        }
    }

    /// <summary>The report of a module kept off by an invalid <c>Enabled</c> setting, made once per error.</summary>
    private static HealthReport DisabledByInvalidSetting(ModuleEntry entry, Error error)
    {
        // Read and written without a lock: the report is immutable, and two readers that race make the same one.
        if (entry.Health.DisabledByInvalidSetting is { } cached && ReferenceEquals(cached.LastError, error))
        {
            return cached;
        }

        var report = new HealthReport(
            HealthStatus.Down,
            $"Module '{entry.Id}' is disabled because its Enabled setting is invalid: {error.Message} Fix the setting, then enable the module or restart the application.",
            lastError: error);
        entry.Health.DisabledByInvalidSetting = report;
        return report;
    }

    private static TimeSpan? Uptime(ModuleEntry entry, DateTimeOffset now)
    {
        var since = Interlocked.Read(ref entry.RunningSinceUtcTicks);
        return since == 0 ? null : now - new DateTimeOffset(since, TimeSpan.Zero);
    }

    private async Task RunLoopAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            // The monitor stopping ends the loop without an exception: a stop cancels every module's
            // loop at once, and an exception each would be most of the stop's cost.
            while (!cancellationToken.IsCancellationRequested)
            {
                // A check the loop starts is cancelled by the monitor stopping, as is the loop's wait.
                if (await CheckCoreAsync(entry, cancellationToken, cancellationToken).ConfigureAwait(false) is null)
                {
                    return;
                }

                await Task.Delay(entry.Manifest.HealthCheckInterval, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The monitor is stopping while a module's check threw for it.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.HealthLoopCrashed(_logger, entry.Id, exception);
        }
    }

    /// <summary>
    /// Checks a module: joins its check under way or starts one, and waits for it. Joining, not a second
    /// check, keeps the module's own check from running twice at once and keeps an earlier check's
    /// result from landing over a later one's: a check begins only once the one before it has landed.
    /// </summary>
    /// <param name="entry">The module.</param>
    /// <param name="waitToken">Ends this caller's wait only; the check goes on for whoever else waits for it.</param>
    /// <param name="stopping">Cancels a check this call starts (the monitor stopping, for the loop); a joined check keeps its own.</param>
    /// <returns>The module's report now; <see langword="null"/> when <paramref name="waitToken"/> ended the wait.</returns>
    private async Task<HealthReport?> CheckCoreAsync(ModuleEntry entry, CancellationToken waitToken, CancellationToken stopping)
    {
        while (true)
        {
            if (entry.State != ModuleState.Running)
            {
                // Sampled while the module is down too, so failures from before it stopped age out of the window.
                SampleHandlerCounts(entry);
                return Observe(entry);
            }

            var run = Interlocked.Read(ref entry.RunNumber);
            var waited = JoinOrStartCheck(entry, stopping).WaitAsync(waitToken);

            // Awaited without throwing: a stop ends every module's loop at once, and an exception each
            // would be most of the stop's cost.
            await ((Task)waited).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!waited.IsCompletedSuccessfully && waitToken.IsCancellationRequested)
            {
                return null;
            }

            if (await waited.ConfigureAwait(false) is { } report)
            {
                if (!MissedRun(entry, run))
                {
                    return report;
                }

                // The check joined was of a run before this one (the module restarted while it was
                // under way), so its result did not land and no check backs this run's report: this
                // caller still wants a check of the run it asked in, and starts (or joins) a fresh one.
                continue;
            }

            if (waitToken.IsCancellationRequested)
            {
                return null;
            }

            // The check joined was the loop's and the monitor stopped under it, so its result never
            // lands: this caller still wants a check, and starts (or joins) a fresh one.
        }
    }

    /// <summary>
    /// Whether the module still runs in run <paramref name="run"/> but no check of that run has
    /// landed: the check waited for was started in an earlier run.
    /// </summary>
    private static bool MissedRun(ModuleEntry entry, long run)
    {
        lock (entry.Health.Gate)
        {
            return entry.State == ModuleState.Running
                && Interlocked.Read(ref entry.RunNumber) == run
                && entry.Health.LastCheckRun != run;
        }
    }

    /// <summary>Returns the module's check under way, or starts one and makes it the check under way.</summary>
    private Task<HealthReport?> JoinOrStartCheck(ModuleEntry entry, CancellationToken stopping)
    {
        var health = entry.Health;
        TaskCompletionSource<HealthReport?> outcome;
        lock (health.Gate)
        {
            if (health.Checking is { } underway)
            {
                return underway;
            }

            // Its waiters go on on the thread pool, not inline on the thread that tells the check's
            // change, so a loop's next wait or a caller's code never runs inside the telling.
            outcome = new TaskCompletionSource<HealthReport?>(TaskCreationOptions.RunContinuationsAsynchronously);
            health.Checking = outcome.Task;
        }

        _ = RunCheckAsync(entry, outcome, stopping);
        return outcome.Task;
    }

    /// <summary>Runs one check for everyone waiting for it and completes <paramref name="outcome"/> with its report; never throws.</summary>
    private async Task RunCheckAsync(ModuleEntry entry, TaskCompletionSource<HealthReport?> outcome, CancellationToken stopping)
    {
        HealthReport? report;
        try
        {
            report = await CheckOnceAsync(entry, outcome.Task, stopping).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // A bug in the monitor (or telling that threw even its own log): free the slot, so later
            // checks do not join a check that is over, and give every waiter the exception, as a check
            // of its own would have (the loop logs it as a crash).
            EndCheck(entry, outcome.Task);
            outcome.SetException(exception);
            return;
        }

        outcome.SetResult(report);
    }

    /// <summary>Runs the module's check once, bounded by its timeout, lands its result and reads the module's report.</summary>
    /// <param name="entry">The module.</param>
    /// <param name="self">This check's task in <see cref="ModuleHealthState.Checking"/>, freed as its result lands.</param>
    /// <param name="stopping">The monitor stopping, for a check the loop started; none for one a caller started.</param>
    /// <returns>The module's report now; <see langword="null"/> when <paramref name="stopping"/> cancelled the check.</returns>
    private async Task<HealthReport?> CheckOnceAsync(ModuleEntry entry, Task<HealthReport?> self, CancellationToken stopping)
    {
        var run = Interlocked.Read(ref entry.RunNumber);
        var timeout = entry.Manifest.HealthCheckTimeout;
        var began = _time.GetTimestamp();
        HealthReport reported;
        TimeSpan? measured = null;
        using (var timer = new CancellationTokenSource(timeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, stopping))
        {
            // On the thread pool, so even a check that blocks synchronously cannot hold the monitor; and
            // never started once its time is up, so a late start cannot overlap the next check.
            var token = linked.Token;
            var check = Task.Run(() => TimedCheckAsync(entry, token), token);
            var waited = check.WaitAsync(token);
            await ((Task)waited).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!waited.IsCompletedSuccessfully && stopping.IsCancellationRequested)
            {
                ObserveAbandoned(entry, check);
                EndCheck(entry, self);
                return null;
            }

            try
            {
                (var report, measured) = await waited.ConfigureAwait(false);
                reported = report
                    ?? HealthReport.Down($"Module '{entry.Id}' returned no health report.", HealthErrors.NullReport(entry.Id));
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested)
            {
                ObserveAbandoned(entry, check);
                var error = HealthErrors.CheckTimedOut(entry.Id, timeout);
                Log.HealthCheckFailed(_logger, entry.Id, error.Code, error.Message, null);
                reported = HealthReport.Down(error.Message, error);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var error = HealthErrors.CheckThrew(entry.Id, exception);
                Log.HealthCheckFailed(_logger, entry.Id, error.Code, error.Message, exception);
                reported = HealthReport.Down(error.Message, error);
            }
        }

        var latency = measured ?? _time.GetElapsedTime(began);
        var finished = ApplyAlertRules(entry, reported, latency);
        var health = entry.Health;
        lock (health.Gate)
        {
            // Freed in the same hold that lands the result: a check that begins after this one (and so
            // finds the slot free) lands after it, and the telling below is no longer the check, so a
            // check asked for from a HealthChanged handler starts afresh instead of waiting for itself.
            health.EndCheck(self);

            // A module that stopped (or stopped and started again) during the check: its state speaks now.
            if (entry.State == ModuleState.Running && Interlocked.Read(ref entry.RunNumber) == run)
            {
                health.LastCheck = finished;
                health.LastCheckRun = run;
            }
        }

        return Observe(entry);
    }

    /// <summary>Frees the module's check slot if <paramref name="check"/> still holds it.</summary>
    private static void EndCheck(ModuleEntry entry, Task<HealthReport?> check)
    {
        lock (entry.Health.Gate)
        {
            entry.Health.EndCheck(check);
        }
    }

    /// <summary>
    /// Runs the module's check and measures it from its start to its end, so the latency is the
    /// check's own and not the time the check waited for a thread-pool thread.
    /// </summary>
    private async Task<(HealthReport? Report, TimeSpan Latency)> TimedCheckAsync(ModuleEntry entry, CancellationToken cancellationToken)
    {
        var began = _time.GetTimestamp();
        var report = await entry.Module.InvokeCheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return (report, _time.GetElapsedTime(began));
    }

    /// <summary>Records the module's handler totals now and returns the deliveries and failures within the window.</summary>
    private HandlerFailureWindow SampleHandlerCounts(ModuleEntry entry)
    {
        var (delivered, failed) = entry.Events.HandlerCounts();
        return entry.Health.SampleHandlerCounts(_time.GetUtcNow(), _options.HandlerFailureWindow, delivered, failed);
    }

    /// <summary>Turns a healthy or degraded report into a degraded one when the check was slow or the module's handlers keep failing.</summary>
    private HealthReport ApplyAlertRules(ModuleEntry entry, HealthReport reported, TimeSpan latency)
    {
        // Sampled at every check, Down too, so the window always starts at most one check before it.
        var handlers = SampleHandlerCounts(entry);
        if (reported.Status == HealthStatus.Down)
        {
            return new HealthReport(reported.Status, reported.Description, latency, reported.LastError, null, reported.Data);
        }

        List<string>? alerts = null;
        var lastError = reported.LastError;
        Dictionary<string, object?>? data = null;
        if (latency > _options.SlowCheckThreshold)
        {
            (alerts ??= []).Add($"its health check took {HealthErrors.Seconds(latency)} s (threshold {HealthErrors.Seconds(_options.SlowCheckThreshold)} s)");
        }

        if (handlers.Deliveries >= _options.HandlerFailureMinimumDeliveries && handlers.Rate > _options.HandlerFailureRate)
        {
            (alerts ??= []).Add(
                $"{handlers.Failures} of {handlers.Deliveries} deliveries to its event handlers failed in the last {HealthErrors.Seconds(_options.HandlerFailureWindow)} s ({HealthErrors.Percent(handlers.Rate)}, threshold {HealthErrors.Percent(_options.HandlerFailureRate)})");
            lastError ??= HealthErrors.HandlerFailures(entry.Id, handlers, _options.HandlerFailureWindow);
            data = new Dictionary<string, object?>(reported.Data)
            {
                ["handlerDeliveries"] = handlers.Deliveries,
                ["handlerFailures"] = handlers.Failures,
                ["handlerFailureRate"] = handlers.Rate,
            };
        }

        if (alerts is null)
        {
            return new HealthReport(reported.Status, reported.Description, latency, reported.LastError, null, reported.Data);
        }

        var figures = string.Join("; ", alerts);
        var description = reported.Description is null
            ? $"Module '{entry.Id}' is degraded: {figures}."
            : $"{reported.Description}; {figures}.";
        return new HealthReport(HealthStatus.Degraded, description, latency, lastError, null, data ?? reported.Data);
    }

    /// <summary>
    /// Reads the module's report now and, when its status differs from the last one, tells everyone.
    /// The report is read and compared under the module's <see cref="ModuleHealthState.Gate"/>, so what
    /// is told is the module's state at that moment, never a check that a stop has overtaken. Changes
    /// are told outside the gate, one module's by one thread at a time and in order: a change made
    /// while another is being told (by a handler, say, that restarts the module) waits its turn.
    /// </summary>
    /// <returns>The report read.</returns>
    private HealthReport Observe(ModuleEntry entry)
    {
        // The clock is read once, before the gate is taken: a time provider is outside code.
        var now = _time.GetUtcNow();
        var health = entry.Health;
        HealthReport report;
        lock (health.Gate)
        {
            report = CurrentReport(entry, Uptime(entry, now));
            var previous = health.LastStatus;
            health.LastStatus = report.Status;
            if (previous is not { } before || before == report.Status)
            {
                return report;
            }

            health.Untold.Enqueue(new ModuleHealthChanged(entry.Id, before, report.Status, report, now));
            if (health.Telling)
            {
                return report;
            }

            health.Telling = true;
        }

        TellUntold(entry);
        return report;
    }

    /// <summary>Tells the module's changes not yet told, in order, until none is left.</summary>
    private void TellUntold(ModuleEntry entry)
    {
        var health = entry.Health;
        try
        {
            while (true)
            {
                ModuleHealthChanged change;
                lock (health.Gate)
                {
                    if (!health.Untold.TryDequeue(out change!))
                    {
                        health.Telling = false;
                        return;
                    }
                }

                try
                {
                    Tell(entry, change);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // Telling threw: a logger or a meter listener that throws (the bus's channel was made
                    // by Start, so publishing does not). This change may not have reached everyone; the
                    // changes queued behind it still are told, now, not at the module's next change.
                    Log.HealthChangeNotTold(_logger, entry.Id, change.Previous, change.Current, exception);
                }
            }
        }
        catch
        {
            // Even logging that failure threw (or memory ran out): the next change of this module tells
            // what is left.
            lock (health.Gate)
            {
                health.Telling = false;
            }

            throw;
        }
    }

    private void Tell(ModuleEntry entry, ModuleHealthChanged change)
    {
        Log.HealthChanged(_logger, entry.Id, change.Previous, change.Current, change.Report.Description);
        _telemetry.HealthChanges.Add(1, entry.IdTag, LodestarTelemetry.HealthStatusTag(change.Current));

        var handlers = HealthChanged;
        if (handlers is not null)
        {
            foreach (var handler in handlers.GetInvocationList())
            {
                try
                {
                    ((EventHandler<ModuleHealthChanged>)handler)(this, change);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Log.HealthChangedHandlerFailed(_logger, entry.Id, exception);
                }
            }
        }

        _bus.Publish(change);
    }

    private void OnHandlerFailed(object? sender, EventHandlerFailure failure)
    {
        if (failure.OwnerModuleId is { } owner && _byId.TryGetValue(owner, out var entry))
        {
            entry.Health.RecordHandlerFailure(failure.Exception);
        }
    }

    private void ObserveAbandoned(ModuleEntry entry, Task check) =>
        _ = check.ContinueWith(
            static (t, state) =>
            {
                var (monitor, id) = ((ModuleHealthMonitor, string))state!;
                Log.AbandonedHealthCheckFaulted(monitor._logger, id, t.Exception!.GetBaseException());
            },
            (this, entry.Id),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
