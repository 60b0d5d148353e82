using System.Text.Json;

namespace Lodestar.Results;

/// <summary>
/// The JSON wire contract shared by the result converters: camelCase property names (independent of the options'
/// naming policy) and the helpers that read the envelope <c>{"isSuccess":..,"value":..,"error":..}</c>.
/// </summary>
internal static class ResultJson
{
    /// <summary>The <c>isSuccess</c> property name, pre-encoded for writing.</summary>
    public static readonly JsonEncodedText IsSuccessName = JsonEncodedText.Encode("isSuccess");

    /// <summary>The <c>value</c> property name, pre-encoded for writing.</summary>
    public static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");

    /// <summary>The <c>error</c> property name, pre-encoded for writing.</summary>
    public static readonly JsonEncodedText ErrorName = JsonEncodedText.Encode("error");

    /// <summary>Gets the <c>isSuccess</c> property name as UTF-8, for matching while reading.</summary>
    public static ReadOnlySpan<byte> IsSuccessUtf8 => "isSuccess"u8;

    /// <summary>Gets the <c>value</c> property name as UTF-8, for matching while reading.</summary>
    public static ReadOnlySpan<byte> ValueUtf8 => "value"u8;

    /// <summary>Gets the <c>error</c> property name as UTF-8, for matching while reading.</summary>
    public static ReadOnlySpan<byte> ErrorUtf8 => "error"u8;

    /// <summary>Creates the exception for JSON that does not follow the contract of <paramref name="typeName"/>.</summary>
    public static JsonException Invalid(string typeName, string problem) =>
        new("Cannot read " + typeName + " from JSON: " + problem);

    /// <summary>Throws unless the reader is on the start of an object.</summary>
    public static void ExpectStartObject(ref Utf8JsonReader reader, string typeName)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Invalid(typeName, "expected a JSON object but found " + reader.TokenType + ".");
        }
    }

    /// <summary>Moves from a property name to its value and throws if the property was already seen and duplicates are disallowed.</summary>
    public static void ReadPropertyValue(ref Utf8JsonReader reader, bool seen, JsonSerializerOptions options, string typeName, string propertyName)
    {
        if (seen && !options.AllowDuplicateProperties)
        {
            throw Invalid(typeName, "the property \"" + propertyName + "\" appears more than once.");
        }

        reader.Read();
    }

    /// <summary>Reads the <c>isSuccess</c> value, which must be <see langword="true"/> or <see langword="false"/>.</summary>
    public static bool ReadIsSuccess(ref Utf8JsonReader reader, string typeName) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Invalid(typeName, "\"isSuccess\" must be true or false but was " + reader.TokenType + "."),
    };

    /// <summary>Checks that the envelope's parts agree and returns the error of a failure (<see langword="null"/> for a success).</summary>
    /// <param name="isSuccess">The <c>isSuccess</c> value, or <see langword="null"/> when it was missing.</param>
    /// <param name="error">The <c>error</c> value, or <see langword="null"/> when it was missing or null.</param>
    /// <param name="hasValue">
    /// Whether a <c>value</c> counts as present (for a failure, a <c>null</c> value does not); <see langword="null"/> when
    /// the type has no value.
    /// </param>
    /// <param name="typeName">The result type, for messages.</param>
    public static Error? Validate(bool? isSuccess, Error? error, bool? hasValue, string typeName)
    {
        if (isSuccess is null)
        {
            throw Invalid(typeName, "the required property \"isSuccess\" is missing.");
        }

        if (isSuccess.Value)
        {
            if (error is not null)
            {
                throw Invalid(typeName, "a success (\"isSuccess\": true) must not have an \"error\".");
            }

            if (hasValue == false)
            {
                throw Invalid(typeName, "a success (\"isSuccess\": true) must have a \"value\".");
            }

            return null;
        }

        if (error is null)
        {
            throw Invalid(typeName, "a failure (\"isSuccess\": false) must have an \"error\" object.");
        }

        if (hasValue == true)
        {
            throw Invalid(typeName, "a failure (\"isSuccess\": false) must not have a \"value\".");
        }

        return error;
    }
}
