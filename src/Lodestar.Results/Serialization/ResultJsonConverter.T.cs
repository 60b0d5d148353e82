using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Lodestar.Results;

/// <summary>
/// Reads and writes a <see cref="Result{T}"/> as <c>{"isSuccess":true,"value":..}</c> or
/// <c>{"isSuccess":false,"error":{"code":..,"message":..,"kind":..,"details":{..}}}</c>.
/// </summary>
/// <typeparam name="T">The type of the result's value.</typeparam>
/// <remarks>
/// <para>
/// The value is read and written through <c>options.GetTypeInfo(typeof(T))</c>, so it honours the options (naming
/// policy, converters, a source-generated <see cref="JsonSerializerContext"/>) and needs no reflection of its own.
/// With a source-generated context, <typeparamref name="T"/> must be in the context (<c>[JsonSerializable(typeof(T))]</c>).
/// </para>
/// <para>
/// <see cref="ResultJsonConverterFactory"/> creates this converter on demand; that needs dynamic code. Under Native AOT,
/// register this converter for each <see cref="Result{T}"/> you serialise instead, for example with
/// <c>[JsonSourceGenerationOptions(Converters = [typeof(ResultJsonConverter&lt;Order&gt;)])]</c> (see the package README).
/// </para>
/// <para>
/// Property names are always camelCase. When reading, properties may come in any order and unknown ones are skipped; a
/// missing <c>isSuccess</c>, a success without a <c>value</c> or with an <c>error</c>, or a failure without an
/// <c>error</c> or with a non-null <c>value</c> raises a <see cref="JsonException"/> that says what is wrong. A
/// <c>null</c> <c>error</c> on a success and a <c>null</c> <c>value</c> on a failure are read as absent.
/// </para>
/// </remarks>
public sealed class ResultJsonConverter<T> : JsonConverter<Result<T>>
{
    private static readonly string TypeName = TypeNames.ResultOf<T>();

    /// <inheritdoc/>
    public override Result<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ResultJson.ExpectStartObject(ref reader, TypeName);

        bool? isSuccess = null;
        Error? error = null;
        var errorSeen = false;
        var valueSeen = false;
        var valueIsNull = false;
        var valueReader = default(Utf8JsonReader);

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ResultJson.IsSuccessUtf8))
            {
                ResultJson.ReadPropertyValue(ref reader, isSuccess is not null, options, TypeName, "isSuccess");
                isSuccess = ResultJson.ReadIsSuccess(ref reader, TypeName);
            }
            else if (reader.ValueTextEquals(ResultJson.ValueUtf8))
            {
                // Keep a copy positioned on the value and read it once the envelope is known to be a success, so the
                // properties may come in any order and a failure's value is never deserialised.
                ResultJson.ReadPropertyValue(ref reader, valueSeen, options, TypeName, "value");
                valueReader = reader;
                valueIsNull = reader.TokenType == JsonTokenType.Null;
                valueSeen = true;
                reader.Skip();
            }
            else if (reader.ValueTextEquals(ResultJson.ErrorUtf8))
            {
                ResultJson.ReadPropertyValue(ref reader, errorSeen, options, TypeName, "error");
                error = reader.TokenType == JsonTokenType.Null ? null : ErrorJsonConverter.ReadError(ref reader, options);
                errorSeen = true;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // A success must have "value" (null is a value); a failure may carry "value": null but nothing else.
        var hasValue = isSuccess == false ? valueSeen && !valueIsNull : valueSeen;
        var failure = ResultJson.Validate(isSuccess, error, hasValue, TypeName);
        if (failure is not null)
        {
            return new Result<T>(failure);
        }

        return new Result<T>(JsonSerializer.Deserialize(ref valueReader, GetValueTypeInfo(options))!);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Result<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);

        writer.WriteStartObject();
        writer.WriteBoolean(ResultJson.IsSuccessName, value.IsSuccess);
        if (value.TryGetValue(out var success))
        {
            writer.WritePropertyName(ResultJson.ValueName);
            JsonSerializer.Serialize(writer, success, GetValueTypeInfo(options));
        }
        else
        {
            writer.WritePropertyName(ResultJson.ErrorName);
            ErrorJsonConverter.WriteError(writer, value.Error!);
        }

        writer.WriteEndObject();
    }

    private static JsonTypeInfo<T> GetValueTypeInfo(JsonSerializerOptions options) =>
        (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
