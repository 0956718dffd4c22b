namespace MedifyAI.Sessions;

/// <summary>Where the patient should seek care, from least to most urgent.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.TriageLevel")]
public enum TriageLevel
{
    SelfCare = 0,

    /// <summary>A routine appointment with a clinician.</summary>
    Routine = 1,

    /// <summary>Be seen within 24 hours.</summary>
    Urgent = 2,

    /// <summary>Call emergency services or go to an emergency department now.</summary>
    Emergency = 3,
}
