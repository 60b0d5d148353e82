using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lodestar.Results;

/// <summary>
/// Reads and writes a <see cref="Result"/> as <c>{"isSuccess":true}</c> or
/// <c>{"isSuccess":false,"error":{"code":..,"message":..,"kind":..,"details":{..}}}</c>.
/// </summary>
/// <remarks>
/// <para>
/// Applied to <see cref="Result"/> through <see cref="JsonConverterAttribute"/>, so no registration is needed. It uses no
/// reflection and is safe with trimming, Native AOT and source-generated <see cref="JsonSerializerContext"/>s.
/// </para>
/// <para>
/// Property names are always camelCase. When reading, properties may come in any order and unknown ones (including a
/// <c>value</c>) are skipped; a missing <c>isSuccess</c>, a failure without an <c>error</c> or a success with one raises a
/// <see cref="JsonException"/> that says what is wrong. The error is written as by <see cref="ErrorJsonConverter"/>.
/// </para>
/// </remarks>
public sealed class ResultJsonConverter : JsonConverter<Result>
{
    private const string TypeName = nameof(Result);

    /// <inheritdoc/>
    public override Result Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ResultJson.ExpectStartObject(ref reader, TypeName);

        bool? isSuccess = null;
        Error? error = null;
        var errorSeen = false;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ResultJson.IsSuccessUtf8))
            {
                ResultJson.ReadPropertyValue(ref reader, isSuccess is not null, options, TypeName, "isSuccess");
                isSuccess = ResultJson.ReadIsSuccess(ref reader, TypeName);
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

        var failure = ResultJson.Validate(isSuccess, error, hasValue: null, TypeName);
        return failure is null ? Result.Success() : Result.Failure(failure);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Result value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteStartObject();
        writer.WriteBoolean(ResultJson.IsSuccessName, value.IsSuccess);
        if (value.IsFailure)
        {
            writer.WritePropertyName(ResultJson.ErrorName);
            ErrorJsonConverter.WriteError(writer, value.Error);
        }

        writer.WriteEndObject();
    }
}
