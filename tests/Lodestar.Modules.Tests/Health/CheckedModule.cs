using Lodestar.Results;

namespace Lodestar.Modules.Tests.Health;

/// <summary>A module whose health check is a delegate and counts its calls, so each test sets the report it specifies.</summary>
internal sealed class CheckedModule : LodestarModule
{
    private int _checks;

    public Func<CancellationToken, ValueTask<HealthReport>> OnCheck { get; set; } = static _ => new(HealthReport.Healthy);

    public Func<ModuleContext, CancellationToken, ValueTask<Result>> OnStart { get; set; } = static (_, _) => new(Result.Success());

    public ModuleContext? Context { get; private set; }

    public int Checks => Volatile.Read(ref _checks);

    protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        Context = context;
        return OnStart(context, cancellationToken);
    }

    protected override ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _checks);
        return OnCheck(cancellationToken);
    }
}
