using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Lodestar.Results;

namespace Lodestar.Modules.Benchmarks;

/// <summary>Target: a successful <c>Result&lt;int&gt;</c> costs at most 1.5× returning the <c>int</c>, and allocates nothing, through <c>Map</c>/<c>Bind</c> too.</summary>
[MemoryDiagnoser]
public class ResultSuccessBenchmark
{
    private readonly int _input = 20;

    [Benchmark(Baseline = true)]
    public int ReturnInt() => Parse(_input) + 1;

    [Benchmark]
    public int ReturnResult()
    {
        var result = ParseResult(_input);
        return result.IsSuccess ? result.Value + 1 : 0;
    }

    [Benchmark]
    public int MapAndBindWithStaticLambdas() =>
        ParseResult(_input)
            .Map(static value => value + 1)
            .Bind(static value => Result.Success(value * 2))
            .GetValueOrDefault(0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Parse(int input) => input * 2;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Result<int> ParseResult(int input) => input * 2;
}
