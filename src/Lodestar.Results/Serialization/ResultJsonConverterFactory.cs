using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// Creates a <see cref="ResultJsonConverter{T}"/> for any <see cref="Result{T}"/>. It is applied to
/// <see cref="Result{T}"/> through <see cref="JsonConverterAttribute"/>, so reflection-based serialisation works
/// without registration.
/// </summary>
/// <remarks>
/// Closing <see cref="ResultJsonConverter{T}"/> over a <c>T</c> known only at run time needs dynamic code. Where there
/// is none (Native AOT), <see cref="CreateConverter"/> throws a <see cref="NotSupportedException"/> that names the
/// converter to register instead: list <c>ResultJsonConverter&lt;T&gt;</c> for each result type in
/// <see cref="JsonSerializerOptions.Converters"/> or in <c>JsonSourceGenerationOptionsAttribute.Converters</c>. Those
/// take precedence over this factory, so it is then never asked.
/// </remarks>
public sealed class ResultJsonConverterFactory : JsonConverterFactory
{
    /// <summary>Returns <see langword="true"/> for every <see cref="Result{T}"/>.</summary>
    /// <param name="typeToConvert">The type to check.</param>
    /// <returns>Whether <paramref name="typeToConvert"/> is a closed <see cref="Result{T}"/>.</returns>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert is not null
        && typeToConvert.IsGenericType
        && !typeToConvert.ContainsGenericParameters
        && typeToConvert.GetGenericTypeDefinition() == typeof(Result<>);

    /// <summary>Creates the <see cref="ResultJsonConverter{T}"/> for <paramref name="typeToConvert"/>.</summary>
    /// <param name="typeToConvert">A closed <see cref="Result{T}"/>.</param>
    /// <param name="options">The serializer options.</param>
    /// <returns>A new <see cref="ResultJsonConverter{T}"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="typeToConvert"/> is not a closed <see cref="Result{T}"/>.</exception>
    /// <exception cref="NotSupportedException">
    /// Dynamic code is not supported (Native AOT) and no <see cref="ResultJsonConverter{T}"/> was registered for the type.
    /// </exception>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        if (!CanConvert(typeToConvert))
        {
            throw new ArgumentException(
                "ResultJsonConverterFactory converts only closed Result<T> types, not " + typeToConvert + ".",
                nameof(typeToConvert));
        }

        var valueType = typeToConvert.GetGenericArguments()[0];
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            var converterType = typeof(ResultJsonConverter<>).MakeGenericType(valueType);
            return (JsonConverter)Activator.CreateInstance(converterType)!;
        }

        var valueName = TypeNames.Format(valueType);
        throw new NotSupportedException(
            "Cannot create the JSON converter for Result<" + valueName + "> without dynamic code (Native AOT). Register ResultJsonConverter<"
            + valueName + "> instead, in JsonSerializerOptions.Converters or with [JsonSourceGenerationOptions(Converters = [typeof(ResultJsonConverter<"
            + valueName + ">)])] on your JsonSerializerContext.");
    }
}
