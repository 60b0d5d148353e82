namespace Lodestar.Results.Tests;

public sealed class AllocationTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Success_CreateMapAndBindWithStaticLambdas_AllocatesNothing()
    {
        // Warm up: JIT the code paths and let the compiler cache the static lambdas' delegates.
        RunPipeline(Iterations);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = RunPipeline(Iterations);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0L, allocated);
        Assert.NotEqual(0L, sum);
    }

    private static long RunPipeline(int iterations)
    {
        long sum = 0;
        for (var i = 0; i < iterations; i++)
        {
            Result<int> created = i;
            var result = Result.Success(i)
                .Map(static v => v + 1)
                .Map(3, static (v, factor) => v * factor)
                .Bind(static v => Result.Success((long)v))
                .Bind(2L, static (v, add) => Result.Success(v + add));

            if (created.IsSuccess && result.TryGetValue(out var value))
            {
                sum += value;
            }
        }

        return sum;
    }
}
