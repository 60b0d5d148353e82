using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>The errors the runtime reports, with stable codes (<c>module.*</c>) and messages that name the module and the fix.</summary>
internal static class ModuleErrors
{
    /// <summary>
    /// The code of the last error of a module whose <c>Enabled</c> setting is neither true nor false, so
    /// the runtime kept it off at start-up; the health monitor reads it to say why the module is disabled.
    /// </summary>
    public const string InvalidEnabledSettingCode = "module.configuration.invalid-enabled";

    public static Error InvalidEnabledSetting(string message) => Error.Validation(InvalidEnabledSettingCode, message);

    public static Error IllegalTransition(string moduleId, ModuleState state, ModuleTrigger trigger) =>
        Error.Conflict(
            "module.transition.illegal",
            $"Module '{moduleId}' cannot take trigger '{trigger}' in state '{state}'. Legal triggers in {state}: {ModuleTransitions.DescribeTriggersFrom(state)}.",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["state"] = state.ToString(), ["trigger"] = trigger.ToString() });

    public static Error NotFound(string moduleId) =>
        Error.NotFound(
            "module.not-found",
            $"No module with id '{moduleId}' is registered. Register it with AddModule<T>() or check the id.",
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error StartTimedOut(string moduleId, TimeSpan timeout) =>
        Error.Timeout(
            "module.start.timeout",
            $"Module '{moduleId}' did not finish StartAsync within {timeout.TotalSeconds:0.###} s. Make StartAsync honour its CancellationToken, move long work out of start-up, or raise ModuleRuntimeOptions.StartTimeout.",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["timeoutSeconds"] = timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static Error PreviousStillRunning(string moduleId, string calls, TimeSpan timeout) =>
        Error.Timeout(
            "module.start.previous-still-running",
            $"Module '{moduleId}' was not started: its previous {calls} was abandoned after its timeout and was still running when this start's timeout ({timeout.TotalSeconds:0.###} s, ModuleRuntimeOptions.StartTimeout) passed. StartAsync is not called while an abandoned call of the same module runs, so the module never runs concurrently with itself. Make StartAsync and StopAsync honour their CancellationToken and keep ForceStop short, so an abandoned call ends; then enable or restart the module.",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["calls"] = calls, ["timeoutSeconds"] = timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static Error StartThrew(string moduleId, Exception exception) =>
        Error.Unexpected(
            "module.start.exception",
            $"Module '{moduleId}' threw {exception.GetType().Name} from StartAsync: {exception.Message}. Return a failed Result for expected failures; fix the bug otherwise.",
            exception,
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error StartCancelled(string moduleId) =>
        Error.Cancelled(
            "module.start.cancelled",
            $"Start of module '{moduleId}' was cancelled because the runtime is stopping or the caller cancelled.",
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error StopThrew(string moduleId, Exception exception) =>
        Error.Unexpected(
            "module.stop.exception",
            $"Module '{moduleId}' threw {exception.GetType().Name} from StopAsync: {exception.Message}. ForceStop was called instead.",
            exception,
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error StopTimedOut(string moduleId, TimeSpan timeout) =>
        Error.Timeout(
            "module.stop.timeout",
            $"Module '{moduleId}' did not finish StopAsync within {timeout.TotalSeconds:0.###} s ([Shutdown(GracefulSeconds)]), or the host's shutdown timeout ran out. ForceStop was called instead.",
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error Abandoned(string moduleId, TimeSpan forceTimeout, Exception? exception) =>
        Error.Unexpected(
            "module.stop.abandoned",
            exception is null
                ? $"Module '{moduleId}' did not finish ForceStop within {forceTimeout.TotalSeconds:0.###} s ([Shutdown(ForceSeconds)]) and was abandoned; resources it holds may leak. Make ForceStop short and non-blocking."
                : $"Module '{moduleId}' threw {exception.GetType().Name} from ForceStop: {exception.Message}. It was abandoned; resources it holds may leak.",
            exception,
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error RestartLimitReached(string moduleId, int restarts, TimeSpan window, Error last) =>
        Error.Unavailable(
            "module.restart.limit-reached",
            $"Module '{moduleId}' failed again after {restarts} restart(s) within {window.TotalSeconds:0.###} s and stays Failed until it is enabled again. Last error: {last.Message}",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["lastErrorCode"] = last.Code });

    /// <summary>The supervised restart of a module threw (a bug or a broken logging provider, never the module's own start failure, which is a result).</summary>
    public static Error RestartFailed(string moduleId, Exception exception, Error? before)
    {
        var metadata = new Dictionary<string, string> { ["moduleId"] = moduleId };
        if (before is not null)
        {
            metadata["lastErrorCode"] = before.Code;
        }

        return Error.Unexpected(
            "module.restart.failed",
            $"The supervised restart of module '{moduleId}' failed unexpectedly with {exception.GetType().Name}: {exception.Message}. The supervisor does not retry it." +
            (before is null ? string.Empty : $" Error before the restart: {before.Message}"),
            exception,
            metadata);
    }

    public static Error RuntimeNotStarted(string moduleId) =>
        Error.Unavailable(
            "module.runtime.not-started",
            $"Module '{moduleId}' cannot be changed before the module runtime has started or after it stopped. Call StartAllAsync first.",
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error Forbidden(string moduleId, ModulePermission permission, string caller) =>
        Error.Forbidden(
            "module.forbidden",
            $"Caller '{caller}' may not {permission.For(moduleId).Split(':')[0]} module '{moduleId}': it lacks the permission '{permission.For(moduleId)}'. Grant '{permission.For(moduleId)}' to the caller through the application's IModuleAuthorizer, or call as someone who holds it.",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["permission"] = permission.For(moduleId), ["caller"] = caller });

    public static Error Faulted(string moduleId, Exception exception) =>
        Error.Unexpected(
            "module.fault",
            $"Module '{moduleId}' reported a failure: {exception.GetType().Name}: {exception.Message}",
            exception,
            new Dictionary<string, string> { ["moduleId"] = moduleId });
}
