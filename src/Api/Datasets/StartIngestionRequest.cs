using System.Text.Json.Serialization;

namespace MedifyAI.Api.Datasets;

/// <summary>Body of <c>POST /api/datasets/{name}/ingestions</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record StartIngestionRequest
{
    /// <summary>A path on the silo, <c>file:///path</c>, <c>s3://bucket/key</c>, or <c>s3://bucket/prefix/</c> for every object under it.</summary>
    public string? Source { get; init; }

    /// <summary>One of <c>pmc-patients-csv</c>, <c>medquad-jsonl</c> or <c>json-lines</c>.</summary>
    public string? Format { get; init; }
}
