using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
    IClinicalSummaryWriter summaryWriter,
    IKnowledgeRetriever retriever,
    IOptions<SessionLimitsOptions> limits,
    TimeProvider time,
    ILogger<PatientSessionGrain> logger) : Grain, IPatientSessionGrain
{
    private const string GuidedSource = "guided-interview";

    private readonly SessionLimitsOptions _limits = limits.Value;

    // The turn being written, if any. A streamed turn runs outside the request that started it (so it completes when
    // the caller goes away), and every other call waits for it before touching the session.
    private Task _turnInProgress = Task.CompletedTask;

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
        await WaitForTurnInProgressAsync();
        if (TryReplay(message) is { } replay)
        {
            return replay;
        }

        PrepareTurn(message);
        var turn = RunTurnAsync(message, events: null);
        _turnInProgress = turn;
        return await turn;
    }

    async IAsyncEnumerable<TurnStreamEvent> IPatientSessionGrain.StreamMessageAsync(
        PatientMessage message,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WaitForTurnInProgressAsync();
        if (TryReplay(message) is { } replay)
        {
            yield return TurnStreamEvent.Token(replay.Reply);
            yield return TurnStreamEvent.Final(replay);
            yield break;
        }

        PrepareTurn(message);
        var events = Channel.CreateUnbounded<TurnStreamEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _turnInProgress = RunDetachedTurnAsync(message, events.Writer);

        // Cancellation (the caller went away) ends only this relay; the turn itself runs on and is stored.
        await foreach (var streamEvent in events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return streamEvent;
        }
    }

    async Task<SessionSnapshot> IPatientSessionGrain.GetAsync()
    {
        await WaitForTurnInProgressAsync();
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
        await WaitForTurnInProgressAsync();
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
        await WaitForTurnInProgressAsync();
        EnsureOwner();
        await session.ClearStateAsync();
        SessionLog.Erased(logger, SessionId);
        DeactivateOnIdle();
    }

    /// <summary>Waits until no turn is being written; a failed turn has already reported its error to its caller.</summary>
    private async Task WaitForTurnInProgressAsync()
    {
        while (!_turnInProgress.IsCompleted)
        {
            await _turnInProgress.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private TurnReply? TryReplay(PatientMessage message)
    {
        EnsureOwner();
        if (message.ClientMessageId is { } clientMessageId && FindReplay(clientMessageId) is { } replay)
        {
            SessionLog.Replayed(logger, SessionId, replay.TurnNumber);
            return replay;
        }

        return null;
    }

    private void PrepareTurn(PatientMessage message)
    {
        if (State.Status == SessionStatus.Ended)
        {
            throw new SessionEndedException(SessionId);
        }

        ValidateMessage(message);
    }

    private async Task RunDetachedTurnAsync(PatientMessage message, ChannelWriter<TurnStreamEvent> events)
    {
        try
        {
            await RunTurnAsync(message, events);
        }
        catch (Exception exception)
        {
            // The relay rethrows it to the caller, if one is still listening; the turn was not stored.
            events.TryComplete(exception);
        }
    }

    /// <summary>
    /// Screens, answers and stores one message. With <paramref name="events"/>, the reply text is written there as
    /// it is produced, then the final event once the turn is stored.
    /// </summary>
    private async Task<TurnReply> RunTurnAsync(PatientMessage message, ChannelWriter<TurnStreamEvent>? events)
    {
        var started = Stopwatch.GetTimestamp();
        var turn = State.PatientTurnCount + 1;
        var profile = State.Profile!;
        var now = time.GetUtcNow();

        // Screening and extraction come first and never depend on the responder, so an emergency is
        // flagged even when a model-backed responder fails.
        var step = interview.Process(State.Interview, profile, State.RedFlags, message.Text, turn);
        State.RedFlags.AddRange(step.NewRedFlags);
        State.Triage = step.Triage;

        var references = await FindReferencesAsync(message.Text, turn);
        var streamed = new System.Text.StringBuilder();
        var written = await WriteReplyAsync(step, turn, message.Text, references, events is null ? null : text =>
        {
            streamed.Append(text);
            events.TryWrite(TurnStreamEvent.Token(text));
        });
        var replyText = SessionReferences.AppendCitations(ComposeReply(step, written.Text), references);
        if (events is not null)
        {
            RelayRemainder(events, streamed.ToString(), replyText);
        }

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
            FallbackReason = written.FallbackReason,
            InputTokens = written.InputTokens,
            OutputTokens = written.OutputTokens,
            Citations = written.Citations,
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

        var reply = BuildReply(turn, State.Turns[^1], step.Triage, replayed: false);
        events?.TryWrite(TurnStreamEvent.Final(reply));
        events?.TryComplete();
        return reply;
    }

    /// <summary>Allows only the session's owner; anyone else gets <see cref="SessionNotFoundException"/>, as for a missing session.</summary>
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

    /// <summary>
    /// Sends what the client has not seen yet: the rest of the reply when the streamed text is its start (for
    /// example the citations appended after the model's words), or a replacement when the reply changed.
    /// </summary>
    private static void RelayRemainder(ChannelWriter<TurnStreamEvent> events, string streamed, string replyText)
    {
        if (string.Equals(streamed, replyText, StringComparison.Ordinal))
        {
            return;
        }

        if (replyText.StartsWith(streamed, StringComparison.Ordinal))
        {
            events.TryWrite(TurnStreamEvent.Token(replyText[streamed.Length..]));
            return;
        }

        events.TryWrite(TurnStreamEvent.Replace(replyText));
    }

    private async Task<ResponderReply> WriteReplyAsync(
        InterviewStep step,
        int turn,
        string text,
        IReadOnlyList<KnowledgeReference> references,
        Action<string>? onText)
    {
        var context = new ReplyContext(
            SessionId, State.Profile!, State.Turns, State.Interview, step, State.RedFlags, Message: text, References: ToReplyReferences(references));

        // A turn that raises a red flag is worded by the guided interview, so an emergency reply does not wait on a model.
        if (ReferenceEquals(responder, guidedResponder) || step.NewRedFlags.Count > 0)
        {
            return await guidedResponder.WriteReplyAsync(context, CancellationToken.None);
        }

        try
        {
            return onText is not null && responder is IStreamingReplyResponder streaming
                ? await streaming.StreamReplyAsync(context, onText, CancellationToken.None)
                : await responder.WriteReplyAsync(context, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // A failed model-backed responder must not cost the patient the turn; the response names the
            // fallback's source.
            SessionLog.ResponderFailed(logger, exception, SessionId, turn, responder.Name);
            var fallback = await guidedResponder.WriteReplyAsync(context, CancellationToken.None);
            return fallback with { FallbackReason = FallbackReasons.ResponderError };
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
        var references = await FindReferencesAsync(latest: null, State.PatientTurnCount);
        var request = new SummaryRequest(
            SessionId, State.Profile!, State.Interview, State.RedFlags, State.Triage, now, ToReplyReferences(references));
        var summary = await summaryWriter.WriteSummaryAsync(request, CancellationToken.None);
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
                return BuildReply(turn.Number, reply, reply.Triage ?? State.Triage, replayed: true);
            }
        }

        return null;
    }

    /// <summary>Builds the reply as it stood after <paramref name="turn"/>, so a replay matches the original.</summary>
    private TurnReply BuildReply(int turn, ChatTurn reply, TriageAssessment triage, bool replayed)
    {
        var findings = State.Interview.Findings.Where(finding => finding.FirstTurn <= turn).ToList();
        return new TurnReply
        {
            SessionId = SessionId,
            TurnNumber = turn,
            Reply = reply.Text,
            Triage = triage,
            RedFlags = State.RedFlags.Where(flag => flag.Turn <= turn).ToList(),
            Positives = findings.Where(finding => finding.Present).ToList(),
            Negatives = findings.Where(finding => !finding.Present).ToList(),
            Source = reply.Source ?? GuidedSource,
            FallbackReason = reply.FallbackReason,
            InputTokens = reply.InputTokens,
            OutputTokens = reply.OutputTokens,
            Citations = reply.Citations,
            References = reply.References,
            SessionEnded = State.Status == SessionStatus.Ended && turn == State.PatientTurnCount,
            Replayed = replayed,
        };
    }

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

    /// <summary>Turns retrieved records into the citations a responder may use.</summary>
    /// <remarks>NOTE: a reference carries its record's title, not the passage text, so the model sees titles only.</remarks>
    private static IReadOnlyList<ReplyReference>? ToReplyReferences(IReadOnlyList<KnowledgeReference> references) =>
        references.Count == 0
            ? null
            : references.Select(reference => new ReplyReference(reference.RecordId, reference.Title ?? reference.Dataset, reference.Title ?? string.Empty)).ToList();

    private async Task WriteOrDeactivateAsync()
    {
        try
        {
            await session.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // The in-memory state already contains the unsaved change. Dropping the activation makes the next
            // call reload what storage really has.
            SessionLog.WriteFailed(logger, exception, SessionId);
            DeactivateOnIdle();
            throw;
        }
    }
}
