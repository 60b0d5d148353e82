using System.Text.Json.Serialization;

namespace Lodestar.Results.Tests.Serialization;

/// <summary>The Native AOT recipe from the package README: closed result converters registered on a source-generated context.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    Converters = [typeof(ResultJsonConverter<SourceGeneratedContextTests.Item>), typeof(ResultJsonConverter<int>)])]
[JsonSerializable(typeof(Result))]
[JsonSerializable(typeof(Result<SourceGeneratedContextTests.Item>))]
[JsonSerializable(typeof(SourceGeneratedContextTests.Item))]
[JsonSerializable(typeof(Result<int>))]
[JsonSerializable(typeof(int))]
internal sealed partial class ResultsJsonContext : JsonSerializerContext;
