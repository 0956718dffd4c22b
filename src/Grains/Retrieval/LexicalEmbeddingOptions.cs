using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Retrieval;

/// <summary>Settings of the built-in lexical embedder, bound from <c>MedifyAI:Embeddings:Lexical</c>.</summary>
public sealed class LexicalEmbeddingOptions
{
    public const string SectionName = "MedifyAI:Embeddings:Lexical";

    /// <summary>Vector length. Changing it requires re-ingesting every dataset.</summary>
    [Range(64, 8_192)]
    public int Dimensions { get; set; } = 2048;

    /// <summary>Weight of a word bigram relative to a single word.</summary>
    [Range(0, 4)]
    public double BigramWeight { get; set; } = 0.5;
}
