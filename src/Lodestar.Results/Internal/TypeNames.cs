using System.Text;

namespace Lodestar.Results;

/// <summary>Formats type names the way C# spells them (<c>Result&lt;List&lt;Int32&gt;&gt;</c>) for messages.</summary>
internal static class TypeNames
{
    /// <summary>Returns the short name of <paramref name="type"/> with its generic arguments, for example <c>Dictionary&lt;String, Int32&gt;</c>.</summary>
    public static string Format(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var builder = new StringBuilder();
        Append(builder, type);
        return builder.ToString();
    }

    /// <summary>Returns <c>Result&lt;T&gt;</c> spelled for <typeparamref name="T"/>, for example <c>Result&lt;Int32&gt;</c>.</summary>
    public static string ResultOf<T>() => "Result<" + Format(typeof(T)) + ">";

    private static void Append(StringBuilder builder, Type type)
    {
        if (!type.IsGenericType)
        {
            builder.Append(type.Name);
            return;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        builder.Append(tick < 0 ? name : name.AsSpan(0, tick)).Append('<');

        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Append(builder, arguments[i]);
        }

        builder.Append('>');
    }
}
