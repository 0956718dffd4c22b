namespace MedifyAI.Sessions;

/// <summary>An emergency screening rule that fired on a patient message.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.RedFlag")]
public sealed record RedFlag
{
    /// <summary>Rule id, for example <c>cardiac-chest-pain</c>.</summary>
    [Id(0)] public required string RuleId { get; init; }

    /// <summary>Short clinical description of what was detected.</summary>
    [Id(1)] public required string Description { get; init; }

    /// <summary>The advice shown to the patient when the rule fires.</summary>
    [Id(2)] public required string Advice { get; init; }

    [Id(3)] public required TriageLevel Level { get; init; }

    /// <summary>Exchange number of the message that raised the flag.</summary>
    [Id(4)] public int Turn { get; init; }
}
