using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// A pair of timeouts as written in <c>[HealthCheck]</c> (interval, timeout) or <c>[Shutdown]</c>
/// (graceful, force), with the defaults filled in for what is not set.
/// </summary>
/// <param name="Attribute">The attribute, or <see langword="null"/> when absent.</param>
/// <param name="First">The first value (<c>IntervalSeconds</c> or <c>GracefulSeconds</c>).</param>
/// <param name="FirstName">The first property's name.</param>
/// <param name="FirstIsSet">Whether the first value is written.</param>
/// <param name="Second">The second value (<c>TimeoutSeconds</c> or <c>ForceSeconds</c>).</param>
/// <param name="SecondName">The second property's name.</param>
/// <param name="SecondIsSet">Whether the second value is written.</param>
/// <param name="IsReadable">Whether every written value is an <see cref="int"/> constant.</param>
internal sealed record TimeoutDeclaration(
    AttributeData? Attribute,
    int First,
    string FirstName,
    bool FirstIsSet,
    int Second,
    string SecondName,
    bool SecondIsSet,
    bool IsReadable)
{
    public static TimeoutDeclaration Absent(int first, int second) =>
        new(null, first, string.Empty, false, second, string.Empty, false, true);

    public static TimeoutDeclaration Read(AttributeData attribute, string firstName, int firstDefault, string secondName, int secondDefault)
    {
        var readable = attribute.AttributeConstructor is not null;
        var first = firstDefault;
        var second = secondDefault;
        var firstIsSet = AttributeValues.TryGetNamed(attribute, firstName, out var firstValue);
        if (firstIsSet)
        {
            readable &= AttributeValues.TryGetInt32(firstValue, out first);
        }

        var secondIsSet = AttributeValues.TryGetNamed(attribute, secondName, out var secondValue);
        if (secondIsSet)
        {
            readable &= AttributeValues.TryGetInt32(secondValue, out second);
        }

        return new TimeoutDeclaration(attribute, first, firstName, firstIsSet, second, secondName, secondIsSet, readable);
    }
}
