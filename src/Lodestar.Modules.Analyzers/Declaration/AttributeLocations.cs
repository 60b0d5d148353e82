using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Finds where an attribute argument is written, so a diagnostic underlines the exact value. Falls
/// back to the attribute, then to the type, whenever the syntax is not what it expects.
/// </summary>
internal static class AttributeLocations
{
    public static Location Attribute(AttributeData attribute, ISymbol fallback, CancellationToken cancellationToken) =>
        Syntax(attribute, cancellationToken)?.GetLocation() ?? FirstLocation(fallback);

    /// <summary>The constructor argument at <paramref name="position"/> (or named <paramref name="parameterName"/>: <c>id: "x"</c>).</summary>
    public static Location ConstructorArgument(AttributeData attribute, int position, string parameterName, ISymbol fallback, CancellationToken cancellationToken)
    {
        var syntax = Syntax(attribute, cancellationToken);
        if (syntax?.ArgumentList is not { } list)
        {
            return syntax?.GetLocation() ?? FirstLocation(fallback);
        }

        // Constructor arguments come first, each in its parameter's position unless named; a named one
        // may stand in its own position (C# 7.2: [Module(id: "x", "1.0.0")]), and once one stands
        // elsewhere every later one is named. So the index counts every constructor argument.
        var index = 0;
        foreach (var argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is { } nameColon
                ? nameColon.Name.Identifier.ValueText == parameterName
                : index == position)
            {
                return argument.GetLocation();
            }

            index++;
        }

        return syntax.GetLocation();
    }

    /// <summary>The named argument <c>Name = value</c>.</summary>
    public static Location NamedArgument(AttributeData attribute, string name, ISymbol fallback, CancellationToken cancellationToken) =>
        FindNamed(attribute, name, cancellationToken)?.GetLocation()
        ?? Attribute(attribute, fallback, cancellationToken);

    /// <summary>Element <paramref name="index"/> of an array written as a named argument (<c>Requires = ["a", "b"]</c>).</summary>
    public static Location NamedArrayElement(AttributeData attribute, string name, int index, ISymbol fallback, CancellationToken cancellationToken)
    {
        var argument = FindNamed(attribute, name, cancellationToken);
        if (argument is null)
        {
            return Attribute(attribute, fallback, cancellationToken);
        }

        var element = argument.Expression switch
        {
            ImplicitArrayCreationExpressionSyntax implicitArray => ElementAt(implicitArray.Initializer.Expressions, index),
            ArrayCreationExpressionSyntax { Initializer: { } initializer } => ElementAt(initializer.Expressions, index),
            CollectionExpressionSyntax collection => index < collection.Elements.Count && collection.Elements[index] is ExpressionElementSyntax expressionElement
                ? expressionElement.Expression
                : null,
            _ => null,
        };
        return (element ?? (SyntaxNode)argument).GetLocation();
    }

    private static ExpressionSyntax? ElementAt(SeparatedSyntaxList<ExpressionSyntax> expressions, int index) =>
        index < expressions.Count ? expressions[index] : null;

    private static AttributeArgumentSyntax? FindNamed(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        AttributeArgumentSyntax? found = null;
        if (Syntax(attribute, cancellationToken)?.ArgumentList is { } list)
        {
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    found = argument;
                }
            }
        }

        return found;
    }

    private static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    private static Location FirstLocation(ISymbol symbol) =>
        symbol.Locations.IsEmpty ? Location.None : symbol.Locations[0];
}
