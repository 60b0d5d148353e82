namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Prices model usage. Provided by the optional <c>pricing</c> module.</summary>
public interface IPriceList
{
    /// <summary>Returns the cost of a request, or <see langword="null"/> when the model has no price.</summary>
    decimal? CostOf(string model, int tokensIn, int tokensOut);
}
