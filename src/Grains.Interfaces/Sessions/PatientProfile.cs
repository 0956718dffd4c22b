namespace MedifyAI.Sessions;

/// <summary>What the patient tells us about themselves when the chat starts.</summary>
[GenerateSerializer, Immutable, Alias("MedifyAI.Sessions.PatientProfile")]
public sealed record PatientProfile
{
    /// <summary>Age in whole years; 0 for an infant under one year, with <see cref="AgeMonths"/> set.</summary>
    [Id(0)] public required int Age { get; init; }

    [Id(1)] public required Sex Sex { get; init; }

    /// <summary>Age in months for a child under two years, used by the infant-fever screening rule.</summary>
    [Id(2)] public int? AgeMonths { get; init; }

    [Id(3)] public IReadOnlyList<string> KnownConditions { get; init; } = [];

    [Id(4)] public IReadOnlyList<string> Medications { get; init; } = [];

    [Id(5)] public IReadOnlyList<string> Allergies { get; init; } = [];

    /// <summary>Age in months, from <see cref="AgeMonths"/> when given, else from <see cref="Age"/>.</summary>
    public int AgeInMonths => AgeMonths ?? Age * 12;
}
