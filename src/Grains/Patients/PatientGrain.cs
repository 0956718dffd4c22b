using MedifyAI.Security;
using MedifyAI.Sessions;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Patients;

/// <summary>
/// The index of one patient's sessions. Only the patient named by the key may use it, whatever the endpoint
/// checked before.
/// </summary>
public sealed partial class PatientGrain(
    [PersistentState("patient", StorageNames.Patients)] IPersistentState<PatientState> patient,
    ILogger<PatientGrain> logger) : Grain, IPatientGrain
{
    private string Subject => this.GetPrimaryKeyString();

    async Task IPatientGrain.AddSessionAsync(string sessionId, int maxSessions)
    {
        EnsureCallerIsPatient();
        if (patient.State.SessionIds.Count >= maxSessions)
        {
            throw new SessionLimitExceededException(
                "sessions",
                $"You have {patient.State.SessionIds.Count} sessions, the most allowed. Delete old ones with "
                + "DELETE /api/sessions/{id} before starting another.");
        }

        patient.State.SessionIds.Add(sessionId);
        await patient.WriteStateAsync();
    }

    Task<IReadOnlyList<string>> IPatientGrain.ListSessionsAsync()
    {
        EnsureCallerIsPatient();
        return Task.FromResult<IReadOnlyList<string>>([.. patient.State.SessionIds]);
    }

    async Task<bool> IPatientGrain.EraseSessionAsync(string sessionId)
    {
        EnsureCallerIsPatient();
        if (!patient.State.SessionIds.Contains(sessionId))
        {
            return false;
        }

        await EraseSessionStateAsync(sessionId);
        patient.State.SessionIds.Remove(sessionId);
        await patient.WriteStateAsync();
        return true;
    }

    async Task<int> IPatientGrain.EraseAllAsync()
    {
        EnsureCallerIsPatient();
        var sessionIds = patient.State.SessionIds.ToList();
        foreach (var sessionId in sessionIds)
        {
            await EraseSessionStateAsync(sessionId);
        }

        await patient.ClearStateAsync();
        LogErasedAll(logger, sessionIds.Count);
        DeactivateOnIdle();
        return sessionIds.Count;
    }

    private async Task EraseSessionStateAsync(string sessionId)
    {
        try
        {
            await GrainFactory.GetGrain<IPatientSessionGrain>(sessionId).EraseAsync();
        }
        catch (SessionNotFoundException)
        {
            // Already erased, or the session never started after it was indexed: nothing is left to remove.
        }
    }

    private void EnsureCallerIsPatient()
    {
        if (CallerContext.Current?.Subject != Subject)
        {
            throw new UnauthorizedAccessException("Only the patient may use their own session index.");
        }
    }

    [LoggerMessage(1100, LogLevel.Information, "Erased a patient's data: {Sessions} sessions")]
    private static partial void LogErasedAll(ILogger logger, int sessions);
}
