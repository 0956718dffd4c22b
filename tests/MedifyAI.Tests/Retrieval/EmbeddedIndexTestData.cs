using MedifyAI.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Tests.Retrieval;

/// <summary>Opens embedded indexes and builds one-chunk records for the embedded index tests.</summary>
internal static class EmbeddedIndexTestData
{
    public static readonly LexicalEmbeddingGenerator Embedder = new(Options.Create(new LexicalEmbeddingOptions()));

    public static EmbeddedVectorIndex Open(string directory) =>
        new(Options.Create(new VectorIndexOptions { Directory = directory }), NullLogger<EmbeddedVectorIndex>.Instance);

    /// <summary>One chunk per record, <c>{dataset}/{record}#0</c>, embedded as a document.</summary>
    public static List<IndexedChunk> Chunks(string dataset, Dictionary<string, string> texts) =>
        texts.Select(pair => new IndexedChunk
        {
            ChunkId = $"{dataset}/{pair.Key}#0",
            Dataset = dataset,
            RecordId = pair.Key,
            Kind = ReferenceKind.PatientCase,
            Text = pair.Value,
            Vector = Embedder.Embed(pair.Value, query: false),
        }).ToList();
}
