namespace Lodestar.Modules.Tests.Support;

/// <summary>
/// Tests that listen to the process-wide <c>Lodestar.Modules</c> activity source, and tests that
/// assert the allocation-free path that such a listener turns off, never run at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ActivityListenerGroup
{
    public const string Name = "Activity listeners";
}
