using Microsoft.Extensions.AI;

namespace MedifyAI.Retrieval;

/// <summary>Retrieval over the configured embedder and vector index.</summary>
public sealed class KnowledgeRetriever(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    IVectorIndex index) : IKnowledgeRetriever
{
    /// <summary>References scoring below this cosine similarity are left out as noise.</summary>
    public const double MinimumReferenceScore = 0.05;

    private static readonly EmbeddingGenerationOptions QueryOptions = new()
    {
        AdditionalProperties = new() { [LexicalEmbeddingGenerator.InputTypeKey] = LexicalEmbeddingGenerator.QueryInputType },
    };

    public bool HasKnowledge => index.Count() > 0;

    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(
        string query,
        int k,
        string? dataset,
        CancellationToken cancellationToken)
    {
        if (await index.CountAsync(dataset, cancellationToken).ConfigureAwait(false) == 0)
        {
            return [];
        }

        var vector = await EmbedQueryAsync(query, cancellationToken).ConfigureAwait(false);
        var matches = await index.SearchAsync(vector, k, dataset, includeText: true, cancellationToken).ConfigureAwait(false);
        return matches
            .Select(match => new RetrievedPassage(ToReference(match), match.ChunkId, match.Text))
            .ToList();
    }

    public async Task<IReadOnlyList<KnowledgeReference>> FindReferencesAsync(
        string query,
        int perKind,
        CancellationToken cancellationToken)
    {
        if (!HasKnowledge || string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var vector = await EmbedQueryAsync(query, cancellationToken).ConfigureAwait(false);

        // Several chunks of one record may match, and three kinds share the list: four times the wanted count per
        // kind leaves room to keep one chunk per record.
        var matches = await index
            .SearchAsync(vector, perKind * 4 * 3, dataset: null, includeText: false, cancellationToken)
            .ConfigureAwait(false);
        var seen = new HashSet<(string, string)>();
        var references = new List<KnowledgeReference>();
        var perKindCounts = new Dictionary<ReferenceKind, int>();
        foreach (var match in matches)
        {
            if (match.Score < MinimumReferenceScore || !seen.Add((match.Dataset, match.RecordId)))
            {
                continue;
            }

            var count = perKindCounts.GetValueOrDefault(match.Kind);
            if (count >= perKind)
            {
                continue;
            }

            perKindCounts[match.Kind] = count + 1;
            references.Add(ToReference(match));
        }

        return references;
    }

    private async Task<ReadOnlyMemory<float>> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        var embeddings = await embedder.GenerateAsync([query], QueryOptions, cancellationToken).ConfigureAwait(false);
        return embeddings[0].Vector;
    }

    private static KnowledgeReference ToReference(VectorMatch match) => new()
    {
        Dataset = match.Dataset,
        RecordId = match.RecordId,
        Kind = match.Kind,
        Title = match.Title,
        Url = match.Url,
        Score = Math.Round(match.Score, 4),
        AgeYears = match.AgeYears,
        Gender = match.Gender,
    };
}
