using System.Text.Json.Serialization;

namespace MedifyAI.Retrieval.SageMaker;

/// <summary>Request body of a Hugging Face feature-extraction container.</summary>
public sealed record EmbeddingRequest([property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs);
