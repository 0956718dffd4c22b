using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MedifyAI.Retrieval;

/// <summary>
/// Retrieval over the configured embedder and vector index, optionally fused with the index's BM25 ranking (see
/// <see cref="RetrievalOptions.Fusion"/>).
/// </summary>
public sealed class KnowledgeRetriever : IKnowledgeRetriever
{
    /// <summary>Vector hits scoring below this cosine similarity are left out of references as noise.</summary>
    public const double MinimumReferenceScore = 0.05;

    private static readonly EmbeddingGenerationOptions QueryOptions = new()
    {
        AdditionalProperties = new() { [LexicalEmbeddingGenerator.InputTypeKey] = LexicalEmbeddingGenerator.QueryInputType },
    };

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IVectorIndex _index;
    private readonly RetrievalOptions _options;
    private readonly ITextSearchIndex? _textIndex;

    public KnowledgeRetriever(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IVectorIndex index,
        IOptions<RetrievalOptions> options)
    {
        _embedder = embedder;
        _index = index;
        _options = options.Value;
        if (_options.Fusion == RetrievalFusion.ReciprocalRank)
        {
            _textIndex = index as ITextSearchIndex ?? throw new OptionsValidationException(
                RetrievalOptions.SectionName,
                typeof(RetrievalOptions),
                [$"{RetrievalOptions.SectionName}:Fusion is ReciprocalRank, but the vector index ({index.GetType().Name}) " +
                 "has no BM25 search; set Fusion to None or use the Embedded or OpenSearch index."]);
        }
    }

    public bool HasKnowledge => _index.Count() > 0;

    public async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(
        string query,
        int k,
        string? dataset,
        CancellationToken cancellationToken)
    {
        if (await _index.CountAsync(dataset, cancellationToken).ConfigureAwait(false) == 0)
        {
            return [];
        }

        var matches = await RankAsync(query, k, dataset, includeText: true, minimumVectorScore: null, cancellationToken)
            .ConfigureAwait(false);
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

        // Several chunks of one record may match, and three kinds share the list: four times the wanted count per
        // kind leaves room to keep one chunk per record.
        var matches = await RankAsync(query, perKind * 4 * 3, dataset: null, includeText: false, MinimumReferenceScore, cancellationToken)
            .ConfigureAwait(false);
        var seen = new HashSet<(string, string)>();
        var references = new List<KnowledgeReference>();
        var perKindCounts = new Dictionary<ReferenceKind, int>();
        foreach (var match in matches)
        {
            if (!seen.Add((match.Dataset, match.RecordId)))
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

    /// <summary>
    /// Ranks chunks for <paramref name="query"/>: the vector ranking, or its fusion with the BM25 ranking. Vector hits
    /// below <paramref name="minimumVectorScore"/> are dropped before fusion, because fused scores are not cosines.
    /// </summary>
    private async Task<IReadOnlyList<VectorMatch>> RankAsync(
        string query,
        int k,
        string? dataset,
        bool includeText,
        double? minimumVectorScore,
        CancellationToken cancellationToken)
    {
        var embeddings = await _embedder.GenerateAsync([query], QueryOptions, cancellationToken).ConfigureAwait(false);
        if (_textIndex is null)
        {
            var matches = await _index.SearchAsync(embeddings[0].Vector, k, dataset, includeText, cancellationToken)
                .ConfigureAwait(false);
            return minimumVectorScore is { } floor ? matches.Where(match => match.Score >= floor).ToList() : matches;
        }

        var depth = k * _options.FusionDepthFactor;
        var vectorTask = _index.SearchAsync(embeddings[0].Vector, depth, dataset, includeText, cancellationToken);
        var textTask = _textIndex.SearchTextAsync(query, depth, dataset, includeText, cancellationToken);
        // Both searches run at once; WhenAll observes a failure of either.
        await Task.WhenAll(vectorTask, textTask).ConfigureAwait(false);
        var vectorMatches = await vectorTask.ConfigureAwait(false);
        var textMatches = await textTask.ConfigureAwait(false);
        if (minimumVectorScore is { } minimum)
        {
            vectorMatches = vectorMatches.Where(match => match.Score >= minimum).ToList();
        }

        return ReciprocalRankFusion.Fuse([vectorMatches, textMatches], _options.FusionRankConstant, k);
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
