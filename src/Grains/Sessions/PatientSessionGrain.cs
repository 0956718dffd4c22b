using System.Diagnostics;
using MedifyAI.Audit;
using MedifyAI.Generation;
using MedifyAI.Interview;
using MedifyAI.Retrieval;
using MedifyAI.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Sessions;

/// <summary>
/// One patient's chat: it screens every message, records it, asks the next question and persists the
/// exchange before the reply leaves the grain.
/// </summary>
public sealed class PatientSessionGrain(
    [PersistentState("session", StorageNames.Sessions)] IPersistentState<PatientSessionState> session,
    IGuidedInterview interview,
    IReplyResponder responder,
    GuidedReplyResponder guidedResponder,
    IKnowledgeRetriever retriever,
    IOptions<SessionLimitsOptions> limits,
    TimeProvider time,
    ILogger<PatientSessionGrain> logger) : Grain, IPatientSessionGrain
{
    private const string GuidedSource = "guided-interview";

    private readonly SessionLimitsOptions _limits = limits.Value;

    // Retrieval results of the last query, so a turn that leaves the query unchanged costs no search.
    private string? _referenceQuery;
    private IReadOnlyList<KnowledgeReference> _references = [];

    private string SessionId => this.GetPrimaryKeyString();

    private PatientSessionState State => session.State;

    async Task<SessionStarted> IPatientSessionGrain.StartAsync(StartSessionCommand command)
    {
        if (State.Status != SessionStatus.None)
        {
            throw new SessionConflictException($"Session '{SessionId}' already exists.");
        }

        var owner = CallerContext.Current?.Subject ?? command.OwnerId
            ?? throw new InvalidOperationException("A session needs an owner: attach a CallerContext before starting it.");
        var now = time.GetUtcNow();
        var greeting = interview.Greet(command.Profile);

        State.Status = SessionStatus.Active;
        State.OwnerId = owner;
        State.Profile = command.Profile;
        State.CreatedAt = now;
        State.UpdatedAt = now;
        State.Turns.Add(new ChatTurn
        {
            Number = 0,
            Role = ChatRole.Assistant,
            Text = greeting,
            At = now,
            Triage = State.Triage,
            Source = GuidedSource,
        });

        await WriteOrDeactivateAsync();
        SessionLog.Started(logger, SessionId);
        return new SessionStarted(SessionId, greeting, now);
    }

    async Task<TurnReply> IPatientSessionGrain.SendMessageAsync(PatientMessage message)
    {
        EnsureOwner();

        if (message.ClientMessageId is { } clientMessageId && FindReplay(clientMessageId) is { } replay)
        {
            SessionLog.Replayed(logger, SessionId, replay.TurnNumber);
            return replay;
        }

        if (State.Status == SessionStatus.Ended)
        {
            throw new SessionEndedException(SessionId);
        }

        ValidateMessage(message);

        var started = Stopwatch.GetTimestamp();
        var turn = State.PatientTurnCount + 1;
        var profile = State.Profile!;
        var now = time.GetUtcNow();

        // Screening and extraction come first and never depend on the responder, so an emergency is
        // flagged even when a model-backed responder fails.
        var step = interview.Process(State.Interview, profile, State.RedFlags, message.Text, turn);
        State.RedFlags.AddRange(step.NewRedFlags);
        State.Triage = step.Triage;

        var written = await WriteReplyAsync(step, turn);
        var references = await FindReferencesAsync(message.Text, turn);
        var replyText = SessionReferences.AppendCitations(ComposeReply(step, written.Text), references);

        State.Turns.Add(new ChatTurn
        {
            Number = turn,
            Role = ChatRole.Patient,
            Text = message.Text,
            At = now,
            ClientMessageId = message.ClientMessageId,
        });
        State.Turns.Add(new ChatTurn
        {
            Number = turn,
            Role = ChatRole.Assistant,
            Text = replyText,
            At = time.GetUtcNow(),
            Triage = step.Triage,
            Source = written.Source,
            References = references,
        });
        State.PatientTurnCount = turn;
        State.UpdatedAt = now;

        if (step.PatientIsDone)
        {
            await CloseSessionAsync(now);
        }

        // Keeps the stored state under storage item limits however long the chat runs.
        TurnArchive.Fold(State);
        await WriteOrDeactivateAsync();

        SessionLog.TurnCompleted(
            logger,
            SessionId,
            turn,
            message.Text.Length,
            step.NewRedFlags.Count,
            step.Triage.Level,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        return BuildReply(turn, replyText, step.Triage, written.Source, references, replayed: false);
    }

    async Task<SessionSnapshot> IPatientSessionGrain.GetAsync()
    {
        await EnsureReaderAsync("session");
        return new SessionSnapshot
        {
            SessionId = SessionId,
            Status = State.Status,
            Profile = State.Profile!,
            Turns = [.. State.Turns],
            Interview = State.Interview,
            RedFlags = [.. State.RedFlags],
            Triage = State.Triage,
            CreatedAt = State.CreatedAt,
            UpdatedAt = State.UpdatedAt,
            EndedAt = State.EndedAt,
            OwnerId = State.OwnerId,
        };
    }

    async Task<ClinicalSummary> IPatientSessionGrain.EndAsync()
    {
        EnsureOwner();
        if (State.Status == SessionStatus.Ended)
        {
            return State.Summary!;
        }

        await CloseSessionAsync(time.GetUtcNow());
        await WriteOrDeactivateAsync();
        return State.Summary!;
    }

    async Task<ClinicalSummary> IPatientSessionGrain.GetSummaryAsync()
    {
        await EnsureReaderAsync("summary");
        if (State.Status != SessionStatus.Ended)
        {
            throw new SessionConflictException(
                $"Session '{SessionId}' is still active; end it with POST /api/sessions/{SessionId}/end first.");
        }

        return State.Summary!;
    }

    async Task IPatientSessionGrain.EraseAsync()
    {
        EnsureOwner();
        await session.ClearStateAsync();
        SessionLog.Erased(logger, SessionId);
        DeactivateOnIdle();
    }

    /// <summary>Allows only the session's owner; anyone else is told the session does not exist.</summary>
    private void EnsureOwner()
    {
        var caller = CallerContext.Current;
        if (State.Status == SessionStatus.None || caller is null || caller.Subject != State.OwnerId)
        {
            throw new SessionNotFoundException(SessionId);
        }
    }

    /// <summary>Allows the owner, or a clinician whose read is recorded in the audit log before it is served.</summary>
    private async Task EnsureReaderAsync(string action)
    {
        var caller = CallerContext.Current;
        if (State.Status == SessionStatus.None || caller is null)
        {
            throw new SessionNotFoundException(SessionId);
        }

        if (caller.Subject == State.OwnerId)
        {
            return;
        }

        if (!caller.IsInRole(Roles.Clinician))
        {
            throw new SessionNotFoundException(SessionId);
        }

        var now = time.GetUtcNow();
        await GrainFactory.GetGrain<IAuditLogGrain>(AuditLogKeys.ForDay(now)).AppendAsync(new AuditEntry
        {
            At = now,
            ActorId = caller.Subject,
            Role = Roles.Clinician,
            SessionId = SessionId,
            Action = action,
        });
    }

    private void ValidateMessage(PatientMessage message)
    {
        if (string.IsNullOrWhiteSpace(message.Text))
        {
            throw new SessionLimitExceededException("text", "The message text is empty; send the patient's words.");
        }

        if (message.Text.Length > _limits.MaxMessageLength)
        {
            throw new SessionLimitExceededException(
                "text",
                $"The message is {message.Text.Length} characters long; the limit is {_limits.MaxMessageLength}. "
                + "Split it into shorter messages.");
        }

        if (message.ClientMessageId is { Length: var idLength } && idLength > _limits.MaxClientMessageIdLength)
        {
            throw new SessionLimitExceededException(
                "clientMessageId",
                $"The client message id is {idLength} characters long; the limit is {_limits.MaxClientMessageIdLength}.");
        }

        if (State.PatientTurnCount >= _limits.MaxTurnsPerSession)
        {
            throw new SessionLimitExceededException(
                "turns",
                $"Session '{SessionId}' has reached its limit of {_limits.MaxTurnsPerSession} messages; "
                + "end it and start a new session.");
        }
    }

    private async Task<ResponderReply> WriteReplyAsync(InterviewStep step, int turn)
    {
        var context = new ReplyContext(SessionId, State.Profile!, State.Turns, State.Interview, step, State.RedFlags);

        // An emergency reply never waits on, or depends on, a model.
        if (ReferenceEquals(responder, guidedResponder) || step.NewRedFlags.Count > 0)
        {
            return await guidedResponder.WriteReplyAsync(context, CancellationToken.None);
        }

        try
        {
            return await responder.WriteReplyAsync(context, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // A failed model-backed responder must not cost the patient the turn; the response names the
            // fallback's source.
            SessionLog.ResponderFailed(logger, exception, SessionId, turn, responder.Name);
            return await guidedResponder.WriteReplyAsync(context, CancellationToken.None);
        }
    }

    private static string ComposeReply(InterviewStep step, string written)
    {
        if (step.NewRedFlags.Count == 0)
        {
            return written;
        }

        var advice = string.Join("\n\n", step.NewRedFlags.Select(flag => flag.Advice).Distinct());
        return $"{advice}\n\n{written}";
    }

    private async Task CloseSessionAsync(DateTimeOffset now)
    {
        var summary = interview.Summarize(SessionId, State.Interview, State.Profile!, State.RedFlags, State.Triage, now);
        var references = await FindReferencesAsync(latest: null, State.PatientTurnCount);
        State.Summary = summary with
        {
            SimilarCases = references.Where(reference => reference.Kind == ReferenceKind.PatientCase).ToList(),
            MedicalAnswers = references.Where(reference => reference.Kind != ReferenceKind.PatientCase).ToList(),
            ReferencesNote = !retriever.HasKnowledge
                ? SessionReferences.NoneAvailableNote
                : references.Count == 0 ? SessionReferences.NoneFoundNote : SessionReferences.FoundNote,
        };
        State.Status = SessionStatus.Ended;
        State.EndedAt = now;
        State.UpdatedAt = now;
        SessionLog.Ended(logger, SessionId, State.PatientTurnCount, State.RedFlags.Count);
    }

    private TurnReply? FindReplay(string clientMessageId)
    {
        var turns = State.Turns;
        for (var i = 0; i < turns.Count - 1; i++)
        {
            var turn = turns[i];
            if (turn.Role == ChatRole.Patient && string.Equals(turn.ClientMessageId, clientMessageId, StringComparison.Ordinal))
            {
                var reply = turns[i + 1];
                return BuildReply(
                    turn.Number,
                    reply.Text,
                    reply.Triage ?? State.Triage,
                    reply.Source ?? GuidedSource,
                    reply.References,
                    replayed: true);
            }
        }

        return null;
    }

    /// <summary>Builds the reply as it stood after <paramref name="turn"/>, so a replay matches the original.</summary>
    private TurnReply BuildReply(
        int turn,
        string text,
        TriageAssessment triage,
        string source,
        IReadOnlyList<KnowledgeReference> references,
        bool replayed)
    {
        var findings = State.Interview.Findings.Where(finding => finding.FirstTurn <= turn).ToList();
        return new TurnReply
        {
            SessionId = SessionId,
            TurnNumber = turn,
            Reply = text,
            Triage = triage,
            RedFlags = State.RedFlags.Where(flag => flag.Turn <= turn).ToList(),
            Positives = findings.Where(finding => finding.Present).ToList(),
            Negatives = findings.Where(finding => !finding.Present).ToList(),
            Source = source,
            SessionEnded = State.Status == SessionStatus.Ended && turn == State.PatientTurnCount,
            Replayed = replayed,
            References = references,
        };
    }

    /// <summary>
    /// Retrieves cases and answers for the conversation so far; <paramref name="latest"/> is the message being
    /// answered, not yet in the turns. A failure costs the turn its references, never the turn.
    /// </summary>
    private async Task<IReadOnlyList<KnowledgeReference>> FindReferencesAsync(string? latest, int turn)
    {
        if (!retriever.HasKnowledge)
        {
            return [];
        }

        var query = SessionReferences.BuildQuery(State.Profile!, State.Interview, State.Turns, latest);
        if (string.Equals(query, _referenceQuery, StringComparison.Ordinal))
        {
            return _references;
        }

        try
        {
            _references = await retriever.FindReferencesAsync(query, SessionReferences.PerKind, CancellationToken.None);
            _referenceQuery = query;
        }
        catch (Exception exception)
        {
            SessionLog.RetrievalFailed(logger, exception, SessionId, turn);
            return [];
        }

        return _references;
    }

    private async Task WriteOrDeactivateAsync()
    {
        try
        {
            await session.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The in-memory state already holds the unsaved change; dropping the activation makes the next
            // call reload what storage really has.
            SessionLog.WriteFailed(logger, exception, SessionId);
            DeactivateOnIdle();
            throw;
        }
    }
}
