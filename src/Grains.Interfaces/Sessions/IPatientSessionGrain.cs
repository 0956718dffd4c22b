namespace MedifyAI.Sessions;

/// <summary>
/// One patient's symptom chat. The grain key is the server-generated session id.
/// </summary>
/// <remarks>
/// Every method that changes the chat writes the new state before it returns, so a reply
/// the caller has received survives a silo failure. Every method checks the caller in
/// <see cref="Security.CallerContext"/>: only the owner may write, and a clinician may read.
/// Anyone else gets <see cref="SessionNotFoundException"/>, so existence does not leak.
/// </remarks>
[Alias("MedifyAI.Sessions.IPatientSessionGrain")]
public interface IPatientSessionGrain : IGrainWithStringKey
{
    /// <summary>Creates the session with the patient's profile and returns the greeting.</summary>
    /// <exception cref="SessionConflictException">The session already exists.</exception>
    [Alias("Start")]
    Task<SessionStarted> StartAsync(StartSessionCommand command);

    /// <summary>
    /// Screens, records and answers one patient message. A retry with the same client message id
    /// returns the stored reply and adds no turn.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session was never started.</exception>
    /// <exception cref="SessionEndedException">The session has ended.</exception>
    /// <exception cref="SessionLimitExceededException">The message or the session is over a configured limit.</exception>
    [Alias("SendMessage")]
    Task<TurnReply> SendMessageAsync(PatientMessage message);

    /// <summary>
    /// Does what <see cref="SendMessageAsync"/> does and streams the reply: text events as the responder writes
    /// them, then one <see cref="TurnStreamEventKind.Final"/> event with the stored turn.
    /// </summary>
    /// <remarks>
    /// The turn runs to completion and is stored even when the caller stops enumerating, so a session never holds
    /// half a turn. A retry with the same client message id waits for that turn and returns the stored reply as one
    /// text event and the final event.
    /// </remarks>
    /// <exception cref="SessionNotFoundException">The session was never started.</exception>
    /// <exception cref="SessionEndedException">The session has ended.</exception>
    /// <exception cref="SessionLimitExceededException">The message or the session is over a configured limit.</exception>
    [Alias("StreamMessage")]
    IAsyncEnumerable<TurnStreamEvent> StreamMessageAsync(PatientMessage message, CancellationToken cancellationToken = default);

    /// <summary>Returns the whole session: profile, turns, interview state, red flags and triage.</summary>
    /// <exception cref="SessionNotFoundException">The session was never started.</exception>
    [Alias("Get")]
    Task<SessionSnapshot> GetAsync();

    /// <summary>Ends the session and returns its clinical summary; ending twice returns the same summary.</summary>
    /// <exception cref="SessionNotFoundException">The session was never started.</exception>
    [Alias("End")]
    Task<ClinicalSummary> EndAsync();

    /// <summary>Returns the summary of an ended session.</summary>
    /// <exception cref="SessionNotFoundException">The session was never started.</exception>
    /// <exception cref="SessionConflictException">The session is still active.</exception>
    [Alias("GetSummary")]
    Task<ClinicalSummary> GetSummaryAsync();

    /// <summary>
    /// Deletes the session's stored state, so nothing the patient wrote remains. Only the owner may erase;
    /// the call is meant for <see cref="Patients.IPatientGrain"/>, which keeps the owner's index in step.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session was never started or belongs to someone else.</exception>
    [Alias("Erase")]
    Task EraseAsync();
}
