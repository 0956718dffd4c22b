namespace MedifyAI.Patients;

/// <summary>
/// A patient's index of their own sessions, keyed by the token subject. It enforces the per-patient session
/// limit and drives erasure of everything the patient has written.
/// </summary>
[Alias("MedifyAI.Patients.IPatientGrain")]
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Records a new session; throws <see cref="Sessions.SessionLimitExceededException"/> past the limit.</summary>
    [Alias("AddSession")]
    Task AddSessionAsync(string sessionId, int maxSessions);

    /// <summary>Returns the patient's session ids, oldest first.</summary>
    [Alias("ListSessions")]
    Task<IReadOnlyList<string>> ListSessionsAsync();

    /// <summary>Erases one session's stored state and removes it from the index; returns false when the patient has no such session.</summary>
    [Alias("EraseSession")]
    Task<bool> EraseSessionAsync(string sessionId);

    /// <summary>Erases every session of the patient and the index itself; returns how many sessions were erased.</summary>
    [Alias("EraseAll")]
    Task<int> EraseAllAsync();
}
