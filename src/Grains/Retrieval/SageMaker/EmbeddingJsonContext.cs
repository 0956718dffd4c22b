using System.Text.Json.Serialization;

namespace MedifyAI.Retrieval.SageMaker;

/// <summary>Source-generated JSON metadata of the embedding request and response.</summary>
[JsonSerializable(typeof(EmbeddingRequest))]
[JsonSerializable(typeof(float[][]))]
internal sealed partial class EmbeddingJsonContext : JsonSerializerContext;
