namespace MedifyAI.Retrieval;

/// <summary>What a retrieved passage is, which decides how a reply or summary presents it.</summary>
[GenerateSerializer, Alias("MedifyAI.Retrieval.ReferenceKind")]
public enum ReferenceKind
{
    /// <summary>A published patient case (PMC-Patients).</summary>
    PatientCase = 0,

    /// <summary>A consumer-health answer from a trusted source (MedQuAD).</summary>
    MedicalAnswer = 1,

    /// <summary>A passage of a generic JSON-lines dataset.</summary>
    Passage = 2,
}
