using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// What the compiler reports where generated code names a symbol: <c>[Obsolete]</c> (CS0612/CS0618,
/// or its own <c>DiagnosticId</c>; CS0619 when it is an error) and <c>[Experimental]</c> (its id, an
/// error unless suppressed). The generated file silences the warnings and experimental ids with
/// <c>#pragma warning disable</c>; an error no pragma silences means the symbol is not named at all.
/// </summary>
internal static class UsageDiagnostics
{
    /// <summary>
    /// Adds to <paramref name="ids"/> the ids under which naming <paramref name="symbol"/> is reported,
    /// besides CS0612 and CS0618, which the generated file always disables.
    /// </summary>
    /// <returns><see langword="false"/> when naming the symbol is an error no pragma silences (or under an id a pragma cannot spell).</returns>
    public static bool TryCollect(ISymbol symbol, ISet<string> ids)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { ContainingType: null } attributeClass)
            {
                continue;
            }

            if (attributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                var arguments = attribute.ConstructorArguments;
                if (arguments.Length > 1 && arguments[1].Value is true)
                {
                    return false;
                }

                if (AttributeValues.TryGetNamed(attribute, "DiagnosticId", out var id) && id.Value is string diagnosticId
                    && !string.IsNullOrWhiteSpace(diagnosticId) && !TryAdd(diagnosticId, ids))
                {
                    return false;
                }
            }
            else if (attributeClass is { Name: "ExperimentalAttribute", ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } })
            {
                var arguments = attribute.ConstructorArguments;
                if (arguments.Length != 1 || arguments[0].Value is not string diagnosticId || !TryAdd(diagnosticId, ids))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Adds <paramref name="id"/> when <c>#pragma warning disable</c> can name it: an identifier (<c>ACME0001</c>).</summary>
    private static bool TryAdd(string id, ISet<string> ids)
    {
        if (!SyntaxFacts.IsValidIdentifier(id))
        {
            return false;
        }

        ids.Add(id);
        return true;
    }
}
