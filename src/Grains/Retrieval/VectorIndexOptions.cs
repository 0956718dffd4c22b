using System.ComponentModel.DataAnnotations;
using Cloud.Unum.USearch;

namespace MedifyAI.Retrieval;

/// <summary>Settings of the embedded vector index, bound from <c>MedifyAI:VectorIndex</c>.</summary>
public sealed class VectorIndexOptions
{
    public const string SectionName = "MedifyAI:VectorIndex";

    /// <summary>Folder of the SQLite passage store and the HNSW files; the silo sets it under its data directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = string.Empty;

    /// <summary>Scalar type of the vectors held in the HNSW graph: Int8 (1 byte a dimension), Float16 or Float32.</summary>
    public ScalarKind Quantization { get; set; } = ScalarKind.Int8;

    /// <summary>HNSW graph degree (M).</summary>
    [Range(4, 128)]
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidate list size while inserting (efConstruction).</summary>
    [Range(8, 1_024)]
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>Candidate list size while searching (ef); higher finds more true neighbours and costs more time.</summary>
    [Range(8, 1_024)]
    public int ExpansionSearch { get; set; } = 96;

    /// <summary>
    /// Most query words one BM25 search (for rank fusion) scans, rarest first. Each word costs a scan of the chunks
    /// that contain it.
    /// </summary>
    [Range(1, 256)]
    public int TextSearchTerms { get; set; } = 64;

    /// <summary>
    /// Share of all chunks above which a query word is too common for a BM25 search to scan. Words in at most 1,000
    /// chunks are always scanned.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CommonTermShare { get; set; } = 0.01;
}
