using Microsoft.Extensions.Logging;

namespace Lodestar.Modules;

/// <summary>The runtime's log messages, source-generated, with fixed event ids (1xxx: lifecycle, 2xxx: supervision, 3xxx: stop, 4xxx: events, 5xxx: health, 6xxx: authorization).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Module {ModuleId} changed from {Previous} to {Current} on {Trigger}. {Reason}")]
    public static partial void StateChanged(ILogger logger, string moduleId, ModuleState previous, ModuleState current, ModuleTrigger trigger, string? reason);

    [LoggerMessage(1001, LogLevel.Error, "Module {ModuleId} failed to start: {ErrorCode} {ErrorMessage}")]
    public static partial void StartFailed(ILogger logger, string moduleId, string errorCode, string errorMessage, Exception? exception);

    [LoggerMessage(1002, LogLevel.Warning, "Module {ModuleId} is blocked; waiting for {MissingDependencies}.")]
    public static partial void Blocked(ILogger logger, string moduleId, string missingDependencies);

    [LoggerMessage(1003, LogLevel.Information, "Module {ModuleId} is disabled in configuration and was not started.")]
    public static partial void DisabledByConfiguration(ILogger logger, string moduleId);

    [LoggerMessage(1004, LogLevel.Error, "A StateChanged handler threw for module {ModuleId}; the runtime carries on.")]
    public static partial void StateChangedHandlerFailed(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(1005, LogLevel.Error, "The module graph is invalid; no module was started: {ErrorCode} {ErrorMessage}")]
    public static partial void GraphInvalid(ILogger logger, string errorCode, string errorMessage);

    [LoggerMessage(1006, LogLevel.Error, "Module {ModuleId} reported a failure.")]
    public static partial void FailureReported(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(1007, LogLevel.Warning, "Module {ModuleId} reported a failure while {State}; only a running module can fail, so the report is logged and ignored.")]
    public static partial void FailureReportIgnored(ILogger logger, string moduleId, ModuleState state, Exception exception);

    [LoggerMessage(1008, LogLevel.Error, "Module {ModuleId}: an abandoned StartAsync ended with an exception after its timeout.")]
    public static partial void AbandonedStartFaulted(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(1011, LogLevel.Warning, "Module {ModuleId}: its abandoned {Calls} is still running; the start waits for it to end, within the start timeout.")]
    public static partial void WaitingForAbandonedCall(ILogger logger, string moduleId, string calls);

    [LoggerMessage(2000, LogLevel.Warning, "Module {ModuleId} will be restarted in {Delay} (restart {Attempt} of {MaxRestarts} within {Window}).")]
    public static partial void RestartScheduled(ILogger logger, string moduleId, TimeSpan delay, int attempt, int maxRestarts, TimeSpan window);

    [LoggerMessage(2001, LogLevel.Error, "Module {ModuleId} reached its restart limit and stays Failed until it is enabled again: {ErrorMessage}")]
    public static partial void RestartLimitReached(ILogger logger, string moduleId, string errorMessage);

    [LoggerMessage(2002, LogLevel.Error, "The restart of module {ModuleId} failed unexpectedly.")]
    public static partial void RestartCrashed(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "ModuleRuntimeOptions.RestartPolicies has a policy for '{PolicyKey}', which is not the id of any registered module, so it applies to none (registered: {RegisteredIds}). Check the id's spelling: ids are case-sensitive.")]
    public static partial void UnknownRestartPolicyKey(ILogger logger, string policyKey, string registeredIds);

    [LoggerMessage(3000, LogLevel.Warning, "Module {ModuleId} did not stop gracefully ({ErrorCode}); forcing it.")]
    public static partial void ForcingStop(ILogger logger, string moduleId, string errorCode, Exception? exception);

    [LoggerMessage(3001, LogLevel.Error, "Module {ModuleId} was abandoned: {ErrorMessage}")]
    public static partial void Abandoned(ILogger logger, string moduleId, string errorMessage, Exception? exception);

    [LoggerMessage(3002, LogLevel.Warning, "Stopping the runtime gave up waiting for an operation in progress because the caller cancelled; modules may still be running.")]
    public static partial void StopGaveUpWaiting(ILogger logger);

    [LoggerMessage(1009, LogLevel.Error, "The runtime tried an illegal transition, which is a bug in Lodestar.Modules: {ErrorMessage}")]
    public static partial void IllegalTransition(ILogger logger, string errorMessage);

    [LoggerMessage(1010, LogLevel.Error, "Module {ModuleId} has an invalid Enabled setting and stays disabled: {ErrorMessage}")]
    public static partial void InvalidEnabledSetting(ILogger logger, string moduleId, string errorMessage);

    [LoggerMessage(3003, LogLevel.Error, "Module {ModuleId}: an abandoned ForceStop ended with an exception after its timeout.")]
    public static partial void LateForceStopFaulted(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(3004, LogLevel.Error, "Module {ModuleId}: a StopAsync abandoned after its graceful timeout ended with an exception.")]
    public static partial void AbandonedStopFaulted(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(3005, LogLevel.Error, "Stopping the runtime: a callback on the stopping token threw; the stop goes on.")]
    public static partial void StoppingCallbackThrew(ILogger logger, Exception exception);

    [LoggerMessage(4000, LogLevel.Error, "Handler {Handler} of event {EventType} threw (published by {SourceModuleId}, subscribed by {OwnerModuleId}); the other handlers ran.")]
    public static partial void HandlerFailed(ILogger logger, string eventType, string handler, string sourceModuleId, string ownerModuleId, Exception exception);

    [LoggerMessage(4001, LogLevel.Error, "A HandlerFailed observer threw while reporting a failed {EventType} handler; the bus carries on.")]
    public static partial void HandlerFailedObserverThrew(ILogger logger, string eventType, Exception exception);

    [LoggerMessage(5000, LogLevel.Information, "The health monitor started; it checks {ModuleCount} module(s) on their intervals.")]
    public static partial void HealthMonitorStarted(ILogger logger, int moduleCount);

    [LoggerMessage(5001, LogLevel.Warning, "Module {ModuleId} health changed from {Previous} to {Current}. {Description}")]
    public static partial void HealthChanged(ILogger logger, string moduleId, HealthStatus previous, HealthStatus current, string? description);

    [LoggerMessage(5002, LogLevel.Warning, "The health check of module {ModuleId} failed: {ErrorCode} {ErrorMessage}")]
    public static partial void HealthCheckFailed(ILogger logger, string moduleId, string errorCode, string errorMessage, Exception? exception);

    [LoggerMessage(5003, LogLevel.Error, "A HealthChanged handler threw for module {ModuleId}; the monitor carries on.")]
    public static partial void HealthChangedHandlerFailed(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(5004, LogLevel.Error, "The health loop of module {ModuleId} crashed, which is a bug in Lodestar.Modules; the module is no longer checked periodically.")]
    public static partial void HealthLoopCrashed(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(5005, LogLevel.Warning, "Module {ModuleId}: an abandoned health check ended with an exception after its timeout.")]
    public static partial void AbandonedHealthCheckFaulted(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(5006, LogLevel.Warning, "Stopping the health monitor gave up waiting for checks under way because the caller cancelled; they end by themselves, bounded by their timeouts.")]
    public static partial void HealthMonitorStopGaveUpWaiting(ILogger logger);

    [LoggerMessage(5007, LogLevel.Error, "Telling the health change of module {ModuleId} from {Previous} to {Current} threw; some observers may have missed it. The monitor goes on telling the module's later changes.")]
    public static partial void HealthChangeNotTold(ILogger logger, string moduleId, HealthStatus previous, HealthStatus current, Exception exception);

    [LoggerMessage(6000, LogLevel.Warning, "Caller {Caller} was refused {Permission} on module {ModuleId}.")]
    public static partial void Forbidden(ILogger logger, string caller, string permission, string moduleId);
}
