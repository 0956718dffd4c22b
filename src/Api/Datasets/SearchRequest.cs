using System.Text.Json.Serialization;

namespace MedifyAI.Api.Datasets;

/// <summary>Body of <c>POST /api/search</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SearchRequest
{
    /// <summary>Free text, 1 to <see cref="MaxQueryLength"/> characters.</summary>
    public string? Query { get; init; }

    /// <summary>Number of passages, 1 to <see cref="MaxK"/>; 5 when left out.</summary>
    public int? K { get; init; }

    /// <summary>Dataset to search; every dataset when left out.</summary>
    public string? Dataset { get; init; }

    public const int MaxQueryLength = 4_000;

    public const int MaxK = 50;
}
