using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lodestar.Modules.Analyzers;

/// <summary>
/// Reads constant attribute arguments defensively: an attribute the user is still typing (wrong
/// argument count or type, a non-constant argument) reads as "unreadable", never as an exception.
/// </summary>
internal static class AttributeValues
{
    /// <summary>Reads constructor argument <paramref name="index"/> as a string; <see langword="false"/> when it is not a string constant.</summary>
    public static bool TryGetConstructorString(AttributeData attribute, int index, out string? value)
    {
        value = null;
        if (attribute.AttributeConstructor is null)
        {
            return false;
        }

        var arguments = attribute.ConstructorArguments;
        return index < arguments.Length && TryGetString(arguments[index], out value);
    }

    /// <summary>Finds named argument <paramref name="name"/>; the last one wins, as in the compiled attribute.</summary>
    public static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        var found = false;
        value = default;
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
            {
                value = argument.Value;
                found = true;
            }
        }

        return found;
    }

    public static bool TryGetString(TypedConstant constant, out string? value)
    {
        value = null;
        if (constant.Kind != TypedConstantKind.Primitive)
        {
            return false;
        }

        if (constant.IsNull)
        {
            return true;
        }

        value = constant.Value as string;
        return value is not null;
    }

    public static bool TryGetInt32(TypedConstant constant, out int value)
    {
        value = 0;
        if (constant.Kind != TypedConstantKind.Primitive || constant.Value is not int number)
        {
            return false;
        }

        value = number;
        return true;
    }

    public static bool TryGetBoolean(TypedConstant constant, out bool value)
    {
        value = false;
        if (constant.Kind != TypedConstantKind.Primitive || constant.Value is not bool flag)
        {
            return false;
        }

        value = flag;
        return true;
    }

    /// <summary>Reads a <c>string[]</c> constant; a <see langword="null"/> array reads as empty, like the runtime's <c>Requires ?? []</c>.</summary>
    public static bool TryGetStringArray(TypedConstant constant, out ImmutableArray<string?> values)
    {
        values = ImmutableArray<string?>.Empty;
        if (constant.Kind != TypedConstantKind.Array)
        {
            return false;
        }

        if (constant.IsNull)
        {
            return true;
        }

        var builder = ImmutableArray.CreateBuilder<string?>(constant.Values.Length);
        foreach (var element in constant.Values)
        {
            if (!TryGetString(element, out var value))
            {
                return false;
            }

            builder.Add(value);
        }

        values = builder.MoveToImmutable();
        return true;
    }
}
