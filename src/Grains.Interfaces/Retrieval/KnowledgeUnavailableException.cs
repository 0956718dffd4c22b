namespace MedifyAI.Retrieval;

/// <summary>
/// The knowledge index or the embedding service did not respond to a search: a dependency failure, not bad input.
/// The message names the failing service and never the query.
/// </summary>
[GenerateSerializer, Alias("MedifyAI.Retrieval.KnowledgeUnavailableException")]
public sealed class KnowledgeUnavailableException(string message) : Exception(message);
