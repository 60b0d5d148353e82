using System.Collections.ObjectModel;
using System.Reflection;
using System.Text;

namespace Lodestar.TestSupport;

/// <summary>
/// Prints an assembly's public surface (types and their public and protected members) as stable
/// text, one member a line, so an approval test turns every API change into a visible diff.
/// </summary>
/// <remarks>
/// Nullable reference annotations are part of the surface: a reference type or generic parameter
/// that may be null is printed with <c>?</c> at every level (generic arguments, array elements),
/// read through <see cref="NullabilityInfoContext"/>. Parameters show what callers may pass
/// (<see cref="NullabilityInfo.WriteState"/>), except <c>out</c> parameters, which show what callers
/// receive; returns, properties, fields and events show what callers read
/// (<see cref="NullabilityInfo.ReadState"/>). A generic parameter prints <c>T?</c> only where it is
/// declared so (or a <c>[MaybeNull]</c>-like attribute allows null): NullabilityInfoContext alone
/// cannot tell an unconstrained <c>T</c> from <c>T?</c>. A type's base type is annotated from the
/// compiler's <c>NullableAttribute</c>; its interfaces are not (reflection does not surface their
/// annotations), so a change such as <c>IEquatable&lt;T&gt;</c> to <c>IEquatable&lt;T?&gt;</c> goes unseen.
/// </remarks>
public static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Prints the public surface of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly.</param>
    /// <returns>The surface, sorted by type and member.</returns>
    public static string Print(Assembly assembly)
    {
        var nullability = new NullabilityInfoContext();
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(TypeKeyword(type)).Append(' ').Append(Name(type));
            var bases = new List<string>();
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                bases.Add(Name(baseType, Decode(baseType, NullableFlags(type.GetCustomAttributesData()) ?? ContextFlags(type))));
            }

            if (!type.IsEnum)
            {
                bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(i => Name(i)).Order(StringComparer.Ordinal));
            }
            if (bases.Count > 0)
            {
                text.Append(" : ").AppendJoin(", ", bases);
            }

            text.Append('\n');
            foreach (var member in Members(type, nullability).Order(StringComparer.Ordinal))
            {
                text.Append("    ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<string> Members(Type type, NullabilityInfoContext nullability)
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
                    yield return $"{Access(constructor)}ctor({Parameters(constructor, nullability)})";
                    break;
                case MethodInfo method when Visible(method) && !method.IsSpecialName:
                    yield return $"{Access(method)}{Modifiers(method)}{Returns(method, nullability)} {method.Name}{GenericArguments(method)}({Parameters(method, nullability)})";
                    break;
                case MethodInfo method when Visible(method) && method.Name.StartsWith("op_", StringComparison.Ordinal):
                    yield return $"{Access(method)}static {Returns(method, nullability)} {method.Name}({Parameters(method, nullability)})";
                    break;
                case PropertyInfo property when Visible(property.GetMethod) || Visible(property.SetMethod):
                    var accessors = (Visible(property.GetMethod) ? "get; " : string.Empty)
                        + (Visible(property.SetMethod) ? (IsInitOnly(property.SetMethod!) ? "init; " : "set; ") : string.Empty);
                    var accessor = (property.GetMethod ?? property.SetMethod)!;
                    yield return $"{Access(accessor)}{Modifiers(accessor)}{Name(property.PropertyType, Annotate(property, nullability))} {property.Name} {{ {accessors}}}";
                    break;
                case FieldInfo field when field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly:
                    yield return $"{(field.IsPublic ? "public " : "protected ")}{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{Name(field.FieldType, Annotate(nullability.Create(field), reading: true, field.GetCustomAttributesData(), field))} {field.Name}";
                    break;
                case EventInfo @event when Visible(@event.AddMethod):
                    yield return $"{Access(@event.AddMethod!)}event {Name(@event.EventHandlerType!, Annotate(nullability.Create(@event), reading: true, @event.GetCustomAttributesData(), @event))} {@event.Name}";
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

    private static string Returns(MethodInfo method, NullabilityInfoContext nullability) =>
        Name(method.ReturnType, Annotate(nullability.Create(method.ReturnParameter), reading: true, method.ReturnParameter.GetCustomAttributesData(), method));

    private static string Parameters(MethodBase method, NullabilityInfoContext nullability) =>
        string.Join(", ", method.GetParameters().Select(p =>
        {
            // Callers pass a parameter (WriteState) but receive an out parameter (ReadState).
            var annotation = Annotate(nullability.Create(p), reading: p.IsOut, p.GetCustomAttributesData(), p.Member);
            return (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)
                + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType, annotation)
                + " " + p.Name
                + (p.HasDefaultValue ? " = " + (p.DefaultValue?.ToString() ?? (p.ParameterType.IsValueType ? "default" : "null")) : string.Empty);
        }));

    private static string TypeKeyword(Type type) =>
        type.IsInterface ? "interface"
        : type.IsEnum ? "enum"
        : type.IsValueType ? (type.IsDefined(typeof(System.Runtime.CompilerServices.IsReadOnlyAttribute)) ? "readonly struct" : "struct")
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsAbstract && type.IsSealed ? "static class"
        : type.IsAbstract ? "abstract class"
        : type.IsSealed ? "sealed class"
        : "class";

    /// <summary>Prints <paramref name="type"/>, with <c>?</c> where <paramref name="annotation"/> says a reference may be null.</summary>
    /// <param name="type">The type, never a by-ref type.</param>
    /// <param name="annotation">Its nullability, or <see langword="null"/> to print no reference annotations.</param>
    private static string Name(Type type, Annotation? annotation = null)
    {
        // Value types carry their nullability in the type itself (Nullable<T>), so never int??.
        var suffix = annotation is { IsNullable: true } && !type.IsValueType ? "?" : string.Empty;
        if (type.IsGenericParameter)
        {
            return type.Name + suffix;
        }

        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable is not null)
        {
            // NullabilityInfo describes Nullable<T>'s type arguments as those of T.
            return Name(nullable, annotation) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!, annotation?.Element) + "[" + new string(',', type.GetArrayRank() - 1) + "]" + suffix;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            var names = type.IsGenericTypeDefinition
                ? arguments.Select(a => a.Name)
                : arguments.Select((a, i) => Name(a, annotation?.Arguments.Count == arguments.Length ? annotation.Arguments[i] : null));
            name += "<" + string.Join(", ", names) + ">";
        }

        return name + suffix;
    }

    /// <summary>The nullability of a property: what callers read, or for a property without a getter what they may write.</summary>
    /// <remarks>A property whose getter and setter differ (e.g. <c>[AllowNull]</c> on a non-nullable property) prints its getter.</remarks>
    private static Annotation Annotate(PropertyInfo property, NullabilityInfoContext nullability)
    {
        var reading = property.GetMethod is not null;
        var accessor = reading ? property.GetMethod!.ReturnParameter : property.SetMethod!.GetParameters()[^1];
        return Annotate(nullability.Create(property), reading, [.. property.GetCustomAttributesData(), .. accessor.GetCustomAttributesData()], property);
    }

    /// <summary>The nullability of one position (parameter, return, property, field or event).</summary>
    /// <param name="info">What <see cref="NullabilityInfoContext"/> reports for the position.</param>
    /// <param name="reading">Whether callers read the position (ReadState) rather than write it (WriteState).</param>
    /// <param name="attributes">The custom attributes of the position (and of its accessor, for a property).</param>
    /// <param name="member">The member whose <c>NullableContextAttribute</c> (or its types') applies to the position.</param>
    private static Annotation Annotate(NullabilityInfo info, bool reading, IList<CustomAttributeData> attributes, MemberInfo member)
    {
        var type = info.Type.IsByRef ? info.Type.GetElementType()! : info.Type;
        var declared = Decode(type, NullableFlags(attributes) ?? ContextFlags(member));
        var allowsNull = attributes.Any(a => a.AttributeType.Namespace == "System.Diagnostics.CodeAnalysis"
            && (reading ? a.AttributeType.Name is "MaybeNullAttribute" or "MaybeNullWhenAttribute" : a.AttributeType.Name == "AllowNullAttribute"));
        return Annotate(info, reading ? info.ReadState : info.WriteState, declared, allowsNull);
    }

    /// <summary>Converts <paramref name="info"/>, taking <paramref name="state"/> for the outermost type.</summary>
    /// <remarks>
    /// Only the outermost type has separate read and write states; nested ones agree. NullabilityInfoContext
    /// reports an unannotated generic parameter <c>T</c> as nullable whenever T's constraints admit a
    /// nullable type argument, exactly as it reports <c>T?</c>, so a generic parameter counts as nullable
    /// only where the compiler's flags (<paramref name="declared"/>) say <c>T?</c> or, outermost, an
    /// attribute such as <c>[MaybeNull]</c> or <c>[AllowNull]</c> allows null (<paramref name="allowsNull"/>).
    /// </remarks>
    private static Annotation Annotate(NullabilityInfo info, NullabilityState state, Annotation declared, bool allowsNull = false)
    {
        var type = info.Type.IsByRef ? info.Type.GetElementType()! : info.Type;
        var nullable = state == NullabilityState.Nullable && (!type.IsGenericParameter || declared.IsNullable || allowsNull);
        var element = info.ElementType is { } elementInfo && declared.Element is { } declaredElement
            ? Annotate(elementInfo, elementInfo.ReadState, declaredElement)
            : null;
        var arguments = info.GenericTypeArguments.Length == declared.Arguments.Count
            ? info.GenericTypeArguments.Select((a, i) => Annotate(a, a.ReadState, declared.Arguments[i]))
            : [];
        return new Annotation(nullable, element, [.. arguments]);
    }

    /// <summary>Decodes the compiler's nullable flags for <paramref name="type"/>, as NullabilityInfoContext does for members.</summary>
    /// <remarks>
    /// One flag per reference type, array and generic value type, in pre-order (a type before its
    /// element or type arguments); Nullable&lt;T&gt; and non-generic value types take none. A single flag
    /// applies to every position. 0 is oblivious, 1 not null, 2 nullable.
    /// </remarks>
    private static Annotation Decode(Type type, IReadOnlyList<byte> flags)
    {
        var index = 0;
        return Decode(type, flags, ref index);
    }

    private static Annotation Decode(Type type, IReadOnlyList<byte> flags, ref int index)
    {
        var nullable = false;
        if (type.IsValueType)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                index++;
            }
        }
        else
        {
            nullable = (flags.Count == 1 ? flags[0] : index < flags.Count ? flags[index] : 0) == 2;
            index++;
        }

        var element = type.IsArray ? Decode(type.GetElementType()!, flags, ref index) : null;
        var arguments = new List<Annotation>();
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                arguments.Add(Decode(argument, flags, ref index));
            }
        }

        return new Annotation(nullable, element, arguments);
    }

    /// <summary>The flags of a <c>NullableAttribute</c> among <paramref name="attributes"/>, if there is one.</summary>
    private static byte[]? NullableFlags(IEnumerable<CustomAttributeData> attributes)
    {
        var attribute = attributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableAttribute");
        return attribute?.ConstructorArguments[0].Value switch
        {
            byte flag => [flag],
            ReadOnlyCollection<CustomAttributeTypedArgument> flags => [.. flags.Select(f => (byte)f.Value!)],
            _ => null,
        };
    }

    /// <summary>The flag that applies where the compiler emitted no <c>NullableAttribute</c>: the nearest <c>NullableContextAttribute</c>.</summary>
    private static byte[] ContextFlags(MemberInfo member)
    {
        for (MemberInfo? scope = member; scope is not null; scope = scope.DeclaringType)
        {
            var context = scope.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableContextAttribute");
            if (context?.ConstructorArguments[0].Value is byte flag)
            {
                return [flag];
            }
        }

        return [0];
    }

    /// <summary>Whether one type reference may be null, with the same for its array element and type arguments.</summary>
    private sealed record Annotation(bool IsNullable, Annotation? Element, IReadOnlyList<Annotation> Arguments);
}
