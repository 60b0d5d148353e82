using Lodestar.Results;

namespace Lodestar.Modules.Tests.Support;

/// <summary>A module whose phases are delegates, so each test sets the behaviour it specifies.</summary>
internal sealed class TestModule : LodestarModule
{
    private int _starts;
    private int _stops;
    private int _forceStops;

    public Func<ModuleContext, CancellationToken, ValueTask<Result>> OnStart { get; set; } = static (_, _) => new(Result.Success());

    public Func<ModuleContext, CancellationToken, ValueTask> OnStop { get; set; } = static (_, _) => default;

    public Action OnForceStop { get; set; } = static () => { };

    public ModuleContext? Context { get; private set; }

    public int Starts => Volatile.Read(ref _starts);

    public int Stops => Volatile.Read(ref _stops);

    public int ForceStops => Volatile.Read(ref _forceStops);

    protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        Context = context;
        return OnStart(context, cancellationToken);
    }

    protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _stops);
        return OnStop(context, cancellationToken);
    }

    protected override void ForceStop()
    {
        Interlocked.Increment(ref _forceStops);
        OnForceStop();
    }
}
