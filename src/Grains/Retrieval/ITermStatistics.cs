namespace MedifyAI.Retrieval;

/// <summary>Document frequencies of embedding dimensions over the stored chunks, for query-side IDF weighting.</summary>
public interface ITermStatistics
{
    /// <summary>Number of chunks counted.</summary>
    long DocumentCount { get; }

    /// <summary>Number of chunks whose embedding is non-zero in <paramref name="dimension"/>.</summary>
    long DocumentFrequency(int dimension);
}
