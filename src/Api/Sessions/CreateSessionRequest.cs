using System.Text.Json.Serialization;

namespace MedifyAI.Api.Sessions;

/// <summary>Body of <c>POST /api/sessions</c>: the patient's profile.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateSessionRequest
{
    /// <summary>Age in whole years, 0 to 130.</summary>
    public int? Age { get; init; }

    /// <summary>One of female, male, other or unknown.</summary>
    public string? Sex { get; init; }

    /// <summary>Age in months, 0 to 35, for a child under three years.</summary>
    public int? AgeMonths { get; init; }

    public IReadOnlyList<string>? KnownConditions { get; init; }

    public IReadOnlyList<string>? Medications { get; init; }

    public IReadOnlyList<string>? Allergies { get; init; }
}
