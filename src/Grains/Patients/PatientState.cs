namespace MedifyAI.Patients;

[GenerateSerializer, Alias("MedifyAI.Patients.PatientState")]
public sealed class PatientState
{
    /// <summary>The patient's session ids, oldest first.</summary>
    [Id(0)] public List<string> SessionIds { get; set; } = [];
}
