namespace MedifyAI.Sessions;

/// <summary>A symptom the patient reported (present) or denied (absent), with what is known about it.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.Finding")]
public sealed record Finding
{
    /// <summary>Canonical symptom id from the lexicon, for example <c>chest-pain</c>.</summary>
    [Id(0)] public required string SymptomId { get; init; }

    /// <summary>Clinical name, for example "chest pain".</summary>
    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required bool Present { get; init; }

    /// <summary>Onset as stated, normalised, for example "3 days ago" or "sudden".</summary>
    [Id(3)] public string? Onset { get; init; }

    /// <summary>Duration in hours when the text gave one.</summary>
    [Id(4)] public double? DurationHours { get; init; }

    /// <summary>Severity on a 1-10 scale when given or implied by mild, moderate or severe.</summary>
    [Id(5)] public int? Severity { get; init; }

    /// <summary>Body location, for example "left arm".</summary>
    [Id(6)] public string? Location { get; init; }

    /// <summary>Exchange number of the message the finding was first taken from.</summary>
    [Id(7)] public int FirstTurn { get; init; }
}
