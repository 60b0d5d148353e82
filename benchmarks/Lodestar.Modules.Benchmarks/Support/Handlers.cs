
namespace Lodestar.Modules.Benchmarks;

/// <summary>The event every bus scenario publishes: a usage record of one model request.</summary>
public sealed record RequestCompleted(string Model, int TokensIn, int TokensOut);

/// <summary>The same record as a struct, to show the bus does not box.</summary>
public readonly record struct RequestCompletedStruct(int TokensIn, int TokensOut);

/// <summary>A handler that does a little real work: it sums the tokens it sees.</summary>
public sealed class TokenTally : IEventHandler<RequestCompleted>, IEventHandler<RequestCompletedStruct>, IObserver<RequestCompleted>
{
    public long Tokens { get; private set; }

    public void Handle(RequestCompleted message) => Tokens += message.TokensIn + message.TokensOut;

    public void Handle(RequestCompletedStruct message) => Tokens += message.TokensIn + message.TokensOut;

    public void OnNext(RequestCompleted value) => Handle(value);

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}

/// <summary>An asynchronous handler that completes synchronously, like most cache or counter updates.</summary>
public sealed class AsyncTokenTally : IAsyncEventHandler<RequestCompleted>
{
    public long Tokens { get; private set; }

    public ValueTask HandleAsync(RequestCompleted message, CancellationToken cancellationToken)
    {
        Tokens += message.TokensIn + message.TokensOut;
        return default;
    }
}
