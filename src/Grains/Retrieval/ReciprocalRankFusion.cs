namespace MedifyAI.Retrieval;

/// <summary>
/// Merges rankings of the same chunks by reciprocal rank fusion: a chunk scores the sum of 1 / (c + rank) over the
/// rankings it appears in, with ranks counted from 1. Only ranks matter, so scores on different scales (cosine
/// similarity, BM25) combine without calibration.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>
    /// Returns up to <paramref name="k"/> chunks by fused score, best first. Each result is the chunk's match from
    /// the first ranking that contains it, with <see cref="VectorMatch.Score"/> replaced by the fused score. Ties keep
    /// the order of first appearance, so the result is deterministic.
    /// </summary>
    public static IReadOnlyList<VectorMatch> Fuse(IReadOnlyList<IReadOnlyList<VectorMatch>> rankings, int rankConstant, int k)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfLessThan(rankConstant, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        var fused = new Dictionary<string, (VectorMatch Match, double Score, int FirstSeen)>(StringComparer.Ordinal);
        foreach (var ranking in rankings)
        {
            var seenInRanking = new HashSet<string>(StringComparer.Ordinal);
            var rank = 0;
            foreach (var match in ranking)
            {
                if (!seenInRanking.Add(match.ChunkId))
                {
                    continue;
                }

                rank++;
                var contribution = 1.0 / (rankConstant + rank);
                fused[match.ChunkId] = fused.TryGetValue(match.ChunkId, out var existing)
                    ? (existing.Match, existing.Score + contribution, existing.FirstSeen)
                    : (match, contribution, fused.Count);
            }
        }

        return fused.Values
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.FirstSeen)
            .Take(k)
            .Select(entry => entry.Match with { Score = entry.Score })
            .ToList();
    }
}
