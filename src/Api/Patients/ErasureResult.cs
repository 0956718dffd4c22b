namespace MedifyAI.Api.Patients;

/// <summary>Outcome of an erasure request.</summary>
/// <param name="ErasedSessions">How many sessions were erased.</param>
public sealed record ErasureResult(int ErasedSessions);
