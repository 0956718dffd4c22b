namespace MedifyAI.Retrieval;

/// <summary>How the retriever ranks chunks.</summary>
public enum RetrievalFusion
{
    /// <summary>Nearest vectors only.</summary>
    None,

    /// <summary>
    /// Nearest vectors and BM25 word matches, merged by reciprocal rank fusion. Needs an index that implements
    /// <see cref="ITextSearchIndex"/>, as both built-in indexes do.
    /// </summary>
    /// <remarks>
    /// NOTE: its effect on quality was measured only with the built-in lexical embedder, not with a semantic one.
    /// </remarks>
    ReciprocalRank,
}
