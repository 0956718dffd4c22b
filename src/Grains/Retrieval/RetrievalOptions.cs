using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Retrieval;

/// <summary>Settings of the retriever, bound from <c>MedifyAI:Retrieval</c>.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "MedifyAI:Retrieval";

    /// <summary>Vector ranking alone (the default) or fused with BM25.</summary>
    [EnumDataType(typeof(RetrievalFusion))]
    public RetrievalFusion Fusion { get; set; } = RetrievalFusion.None;

    /// <summary>
    /// The constant c in 1 / (c + rank): larger values flatten the weight of the top ranks. 60 is the value of the
    /// method's paper (Cormack, Clarke and Büttcher, SIGIR 2009), and the default of Elasticsearch and LanceDB.
    /// </summary>
    [Range(1, 1_000)]
    public int FusionRankConstant { get; set; } = 60;

    /// <summary>How many hits each ranking contributes before fusion, as a multiple of the number wanted.</summary>
    [Range(1, 20)]
    public int FusionDepthFactor { get; set; } = 3;
}
