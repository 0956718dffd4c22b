namespace MedifyAI.Benchmarks.Retrieval;

/// <summary>Accumulates MRR@10 and recall@10 over queries.</summary>
internal sealed class RankingScores
{
    private double _reciprocalRanks;
    private double _recalls;

    public int Queries { get; private set; }

    public double MeanReciprocalRank => Queries == 0 ? 0 : _reciprocalRanks / Queries;

    public double Recall => Queries == 0 ? 0 : _recalls / Queries;

    /// <summary>Adds one query: <paramref name="ranked"/> is the top 10, best first, without the query itself.</summary>
    public void Add(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant)
    {
        Queries++;
        var found = 0;
        var first = true;
        for (var i = 0; i < ranked.Count && i < 10; i++)
        {
            if (!relevant.Contains(ranked[i]))
            {
                continue;
            }

            if (first)
            {
                _reciprocalRanks += 1.0 / (i + 1);
                first = false;
            }

            found++;
        }

        _recalls += (double)found / relevant.Count;
    }
}
