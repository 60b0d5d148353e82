using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// Reads and writes an <see cref="Error"/> as <c>{"code":"user.missing","message":"..","kind":"NotFound","details":{"userId":"42"}}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Applied to <see cref="Error"/> through <see cref="JsonConverterAttribute"/>, so no registration is needed. It uses no
/// reflection and is safe with trimming, Native AOT and source-generated <see cref="JsonSerializerContext"/>s.
/// </para>
/// <para>
/// Property names are always camelCase (a wire contract, independent of the naming policy) and <c>kind</c> is the
/// <see cref="ErrorKind"/> name. <c>details</c> is always written, <c>{}</c> when empty; the
/// <see cref="Error.Exception"/> is never written. When reading, properties may come in any order, unknown ones are
/// skipped, <c>code</c> and <c>message</c> are required, <c>kind</c> defaults to <see cref="ErrorKind.Unexpected"/>
/// (its name is matched ignoring case) and <c>details</c> defaults to empty. Anything else raises a
/// <see cref="JsonException"/> that says what is wrong.
/// </para>
/// </remarks>
public sealed class ErrorJsonConverter : JsonConverter<Error>
{
    private const string TypeName = nameof(Error);

    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");
    private static readonly JsonEncodedText MessageName = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText KindName = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText DetailsName = JsonEncodedText.Encode("details");

    /// <inheritdoc/>
    public override Error Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ReadError(ref reader, options);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Error value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        WriteError(writer, value);
    }

    /// <summary>Reads an error object; the reader is on its <see cref="JsonTokenType.StartObject"/> and ends on its <see cref="JsonTokenType.EndObject"/>.</summary>
    internal static Error ReadError(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        ResultJson.ExpectStartObject(ref reader, TypeName);

        string? code = null;
        string? message = null;
        ErrorKind? kind = null;
        Dictionary<string, string>? details = null;
        var detailsSeen = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                ResultJson.ReadPropertyValue(ref reader, code is not null, options, TypeName, "code");
                code = ReadRequiredString(ref reader, "code");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                ResultJson.ReadPropertyValue(ref reader, message is not null, options, TypeName, "message");
                message = ReadRequiredString(ref reader, "message");
            }
            else if (reader.ValueTextEquals("kind"u8))
            {
                ResultJson.ReadPropertyValue(ref reader, kind is not null, options, TypeName, "kind");
                kind = ReadKind(ref reader);
            }
            else if (reader.ValueTextEquals("details"u8))
            {
                ResultJson.ReadPropertyValue(ref reader, detailsSeen, options, TypeName, "details");
                details = ReadDetails(ref reader, options);
                detailsSeen = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (code is null)
        {
            throw ResultJson.Invalid(TypeName, "the required property \"code\" is missing.");
        }

        if (message is null)
        {
            throw ResultJson.Invalid(TypeName, "the required property \"message\" is missing.");
        }

        return Error.CreateCore(kind ?? ErrorKind.Unexpected, code, message, details, exception: null);
    }

    /// <summary>Writes <paramref name="error"/> as an object, without its exception.</summary>
    internal static void WriteError(Utf8JsonWriter writer, Error error)
    {
        writer.WriteStartObject();
        writer.WriteString(CodeName, error.Code);
        writer.WriteString(MessageName, error.Message);
        writer.WriteString(KindName, ErrorKindNames.ToName(error.Kind));
        writer.WriteStartObject(DetailsName);
        foreach (var pair in error.Details)
        {
            writer.WriteString(pair.Key, pair.Value);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ReadRequiredString(ref Utf8JsonReader reader, string propertyName)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw ResultJson.Invalid(TypeName, "\"" + propertyName + "\" must be a string but was " + reader.TokenType + ".");
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ResultJson.Invalid(TypeName, "\"" + propertyName + "\" must not be empty.");
        }

        return text;
    }

    private static ErrorKind ReadKind(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw ResultJson.Invalid(TypeName, "\"kind\" must be the name of an ErrorKind but was " + reader.TokenType + ".");
        }

        var text = reader.GetString();
        if (!ErrorKindNames.TryParse(text, out var kind))
        {
            throw ResultJson.Invalid(TypeName, "\"kind\" is \"" + text + "\", which is not an ErrorKind (Unexpected, Validation, NotFound, Conflict, Unavailable, Timeout, Forbidden, Cancelled).");
        }

        return kind;
    }

    private static Dictionary<string, string>? ReadDetails(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResultJson.Invalid(TypeName, "\"details\" must be an object of strings but was " + reader.TokenType + ".");
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw ResultJson.Invalid(TypeName, "the detail \"" + key + "\" must be a string but was " + reader.TokenType + ".");
            }

            if (!details.TryAdd(key, reader.GetString()!))
            {
                if (!options.AllowDuplicateProperties)
                {
                    throw ResultJson.Invalid(TypeName, "the detail \"" + key + "\" appears more than once.");
                }

                details[key] = reader.GetString()!;
            }
        }

        return details;
    }
}
