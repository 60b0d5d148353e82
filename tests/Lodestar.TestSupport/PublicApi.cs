using System.Reflection;
using System.Text;

namespace Lodestar.TestSupport;

/// <summary>
/// Prints an assembly's public surface (types and their public and protected members) as stable
/// text, one member a line, so an approval test turns every API change into a visible diff.
/// </summary>
public static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Prints the public surface of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The surface, sorted by type and member.</returns>
    public static string Print(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeKeyword(type)).Append(' ').Append(Name(type));
            var bases = new List<string>();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                bases.Add(Name(baseType));
            }

            if (!type.IsEnum)
            {
                bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Name).Order(StringComparer.Ordinal));
            }
            if (bases.Count > 0)
            {
                text.Append(" : ").AppendJoin(", ", bases);
            }

            text.Append('\n');
            foreach (var member in Members(type).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type)
    {
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                yield return $"{name} = {Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var member in type.GetMembers(Declared))
        {
            if (member.Name.Contains('<', StringComparison.Ordinal))
            {
                continue; // compiler-generated, e.g. a record's <Clone>$
            }

            switch (member)
            {
                case ConstructorInfo constructor when Visible(constructor):
                    yield return $"{Access(constructor)}ctor({Parameters(constructor)})";
                    break;
                case MethodInfo method when Visible(method) && !method.IsSpecialName:
                    yield return $"{Access(method)}{Modifiers(method)}{Name(method.ReturnType)} {method.Name}{GenericArguments(method)}({Parameters(method)})";
                    break;
                case MethodInfo method when Visible(method) && method.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Access(method)}static {Name(method.ReturnType)} {method.Name}({Parameters(method)})";
                    break;
                case PropertyInfo property when Visible(property.GetMethod) || Visible(property.SetMethod):
                    var accessors = (Visible(property.GetMethod) ? "get; " : string.Empty)
                        + (Visible(property.SetMethod) ? (IsInitOnly(property.SetMethod!) ? "init; " : "set; ") : string.Empty);
                    var accessor = (property.GetMethod ?? property.SetMethod)!;
                    yield return $"{Access(accessor)}{Modifiers(accessor)}{Name(property.PropertyType)} {property.Name} {{ {accessors}}}";
                    break;
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    yield return $"{(field.IsPublic ? "public " : "protected ")}{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{Name(field.FieldType)} {field.Name}";
                    break;
                case EventInfo @event when Visible(@event.AddMethod):
                    yield return $"{Access(@event.AddMethod!)}event {Name(@event.EventHandlerType!)} {@event.Name}";
                    break;
            }
        }
    }

    private static bool Visible(MethodBase? method) => method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method)
    {
        if (method.IsStatic)
        {
            return "static ";
        }

        if (method.IsAbstract)
        {
            return method.DeclaringType!.IsInterface ? string.Empty : "abstract ";
        }

        if (method.IsVirtual && !method.IsFinal)
        {
            return method.GetBaseDefinition() == method ? "virtual " : "override ";
        }

        return string.Empty;
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType)
            + " " + p.Name
            + (p.HasDefaultValue ? " = " + (p.DefaultValue?.ToString() ?? (p.ParameterType.IsValueType ? "default" : "null")) : string.Empty)));

    private static string TypeKeyword(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? (type.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute)) ? "readonly struct" : "struct")
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            return Name(nullable) + "?";
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsGenericType)
        {
            var arguments = type.IsGenericTypeDefinition ? type.GetGenericArguments().Select(a => a.Name) : type.GetGenericArguments().Select(Name);
            name += "<" + string.Join(", ", arguments) + ">";
        }

        return name;
    }
}
