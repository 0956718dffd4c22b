using MedifyAI.Security;
using MedifyAI.Sessions;

namespace MedifyAI.Tests.Sessions;

/// <summary>The patient-session grain's rules, on an in-process cluster.</summary>
public sealed class PatientSessionGrainTests : IClassFixture<SessionClusterFixture>
{
    private const string Owner = "patient-1";

    private static readonly PatientProfile Adult = new() { Age = 41, Sex = Sex.Male };

    private readonly SessionClusterFixture _fixture;

    public PatientSessionGrainTests(SessionClusterFixture fixture)
    {
        _fixture = fixture;

        // xUnit runs the constructor and the test on one execution context, so the identity flows to every call.
        new CallerContext(Owner, [Roles.Patient]).Attach();
    }

    [Fact]
    public async Task Start_ReturnsGreetingAndRecordsIt()
    {
        var grain = NewSession(out var id);

        var started = await grain.StartAsync(new StartSessionCommand { Profile = Adult });
        var snapshot = await grain.GetAsync();

        Assert.Equal(id, started.SessionId);
        Assert.Equal(SessionStatus.Active, snapshot.Status);
        Assert.Equal(Owner, snapshot.OwnerId);
        var greeting = Assert.Single(snapshot.Turns);
        Assert.Equal(ChatRole.Assistant, greeting.Role);
        Assert.Equal(started.Greeting, greeting.Text);
    }

    [Fact]
    public async Task Start_TwiceIsConflict()
    {
        var grain = await StartedSessionAsync();

        await Assert.ThrowsAsync<SessionConflictException>(() => grain.StartAsync(new StartSessionCommand { Profile = Adult }));
    }

    [Fact]
    public async Task Message_ToUnstartedSessionIsNotFound()
    {
        var grain = NewSession(out _);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.SendMessageAsync(new PatientMessage { Text = "hello" }));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.GetAsync());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.EndAsync());
    }

    [Fact]
    public async Task Message_NumbersTurnsAndKeepsOrder()
    {
        var grain = await StartedSessionAsync();

        var first = await grain.SendMessageAsync(new PatientMessage { Text = "I have a cough" });
        var second = await grain.SendMessageAsync(new PatientMessage { Text = "It started a week ago" });
        var snapshot = await grain.GetAsync();

        Assert.Equal(1, first.TurnNumber);
        Assert.Equal(2, second.TurnNumber);
        Assert.Equal(
            [ChatRole.Assistant, ChatRole.Patient, ChatRole.Assistant, ChatRole.Patient, ChatRole.Assistant],
            snapshot.Turns.Select(turn => turn.Role));
        Assert.Equal([0, 1, 1, 2, 2], snapshot.Turns.Select(turn => turn.Number));
        Assert.Equal("I have a cough", snapshot.Turns[1].Text);
        Assert.Equal(second.Reply, snapshot.Turns[4].Text);
    }

    [Fact]
    public async Task Message_RetryReturnsStoredReplyWithoutNewTurn()
    {
        var grain = await StartedSessionAsync();
        var message = new PatientMessage { Text = "My stomach hurts", ClientMessageId = "client-7" };

        var first = await grain.SendMessageAsync(message);
        await grain.SendMessageAsync(new PatientMessage { Text = "Since yesterday" });
        var retry = await grain.SendMessageAsync(message);
        var snapshot = await grain.GetAsync();

        Assert.Equal(first.TurnNumber, retry.TurnNumber);
        Assert.Equal(first.Reply, retry.Reply);
        Assert.Equal(first.Triage.Level, retry.Triage.Level);
        Assert.Equal(first.Triage.Reasons, retry.Triage.Reasons);
        Assert.Equal(first.Positives.Count, retry.Positives.Count);
        Assert.True(retry.Replayed);
        Assert.False(first.Replayed);
        Assert.Equal(5, snapshot.Turns.Count);
    }

    [Fact]
    public async Task Message_OverTurnLimitIsRejected()
    {
        var grain = await StartedSessionAsync();
        for (var i = 0; i < SessionClusterFixture.MaxTurns; i++)
        {
            await grain.SendMessageAsync(new PatientMessage { Text = $"Message {i}" });
        }

        var error = await Assert.ThrowsAsync<SessionLimitExceededException>(
            () => grain.SendMessageAsync(new PatientMessage { Text = "one too many" }));

        Assert.Equal("turns", error.Field);
        Assert.Equal(SessionClusterFixture.MaxTurns * 2 + 1, (await grain.GetAsync()).Turns.Count);
    }

    [Fact]
    public async Task Message_TooLongOrEmptyIsRejected()
    {
        var grain = await StartedSessionAsync();

        var tooLong = await Assert.ThrowsAsync<SessionLimitExceededException>(
            () => grain.SendMessageAsync(new PatientMessage { Text = new string('x', SessionClusterFixture.MaxMessageLength + 1) }));
        var empty = await Assert.ThrowsAsync<SessionLimitExceededException>(
            () => grain.SendMessageAsync(new PatientMessage { Text = " " }));

        Assert.Equal("text", tooLong.Field);
        Assert.Equal("text", empty.Field);
        Assert.Single((await grain.GetAsync()).Turns);
    }

    [Fact]
    public async Task End_ReturnsSummaryOnceAndRejectsMessages()
    {
        var grain = await StartedSessionAsync();
        await grain.SendMessageAsync(new PatientMessage { Text = "I have a headache" });

        var summary = await grain.EndAsync();
        var again = await grain.EndAsync();
        var stored = await grain.GetSummaryAsync();

        Assert.Equal(ClinicalSummary.StandardDisclaimer, summary.Disclaimer);
        Assert.Equal(summary.GeneratedAt, again.GeneratedAt);
        Assert.Equal(summary.HistoryOfPresentIllness, again.HistoryOfPresentIllness);
        Assert.Equal(summary.GeneratedAt, stored.GeneratedAt);
        Assert.Equal(summary.ChiefComplaint, stored.ChiefComplaint);
        Assert.Equal(SessionStatus.Ended, (await grain.GetAsync()).Status);
        await Assert.ThrowsAsync<SessionEndedException>(() => grain.SendMessageAsync(new PatientMessage { Text = "wait" }));
    }

    [Fact]
    public async Task Summary_WhileActiveIsConflict()
    {
        var grain = await StartedSessionAsync();

        await Assert.ThrowsAsync<SessionConflictException>(() => grain.GetSummaryAsync());
    }

    [Fact]
    public async Task Message_EmergencyLeadsWithAdvice()
    {
        var grain = await StartedSessionAsync();

        var reply = await grain.SendMessageAsync(new PatientMessage { Text = "I have chest pain spreading to my jaw and I'm sweating" });

        Assert.Equal(TriageLevel.Emergency, reply.Triage.Level);
        var flag = Assert.Single(reply.RedFlags);
        Assert.StartsWith(flag.Advice, reply.Reply, StringComparison.Ordinal);
        Assert.Equal(1, flag.Turn);
    }

    [Fact]
    public async Task Message_PatientSayingDoneEndsSession()
    {
        var grain = await StartedSessionAsync();
        await grain.SendMessageAsync(new PatientMessage { Text = "I have a rash on my arm" });

        var reply = await grain.SendMessageAsync(new PatientMessage { Text = "No, that's all, thank you" });
        var snapshot = await grain.GetAsync();

        Assert.True(reply.SessionEnded);
        Assert.Equal(SessionStatus.Ended, snapshot.Status);
        Assert.NotNull(await grain.GetSummaryAsync());
    }

    private IPatientSessionGrain NewSession(out string id)
    {
        id = SessionIds.New();
        return _fixture.Client.GetGrain<IPatientSessionGrain>(id);
    }

    private async Task<IPatientSessionGrain> StartedSessionAsync()
    {
        var grain = NewSession(out _);
        await grain.StartAsync(new StartSessionCommand { Profile = Adult });
        return grain;
    }

    [Fact]
    public async Task OtherPatient_SeesNotFound()
    {
        var grain = await StartedSessionAsync();

        new CallerContext("patient-2", [Roles.Patient]).Attach();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.GetAsync());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.SendMessageAsync(new PatientMessage { Text = "hi" }));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.EndAsync());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.EraseAsync());
    }

    [Fact]
    public async Task CallWithoutIdentity_SeesNotFound()
    {
        var grain = await StartedSessionAsync();

        RequestContext.Clear();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.GetAsync());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.SendMessageAsync(new PatientMessage { Text = "hi" }));
    }

    [Fact]
    public async Task Clinician_ReadsAndIsAudited()
    {
        var grain = await StartedSessionAsync();
        var sessionId = grain.GetPrimaryKeyString();

        new CallerContext("clinician-9", [Roles.Clinician]).Attach();
        var snapshot = await grain.GetAsync();
        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.SendMessageAsync(new PatientMessage { Text = "hi" }));

        var entries = await _fixture.Client.GetGrain<MedifyAI.Audit.IAuditLogGrain>(
            MedifyAI.Audit.AuditLogKeys.ForDay(DateTimeOffset.UtcNow)).ListAsync(sessionId);
        Assert.Equal(Owner, snapshot.OwnerId);
        var entry = Assert.Single(entries);
        Assert.Equal("clinician-9", entry.ActorId);
        Assert.Equal("session", entry.Action);
    }

    [Fact]
    public async Task Erase_RemovesStoredState()
    {
        var grain = await StartedSessionAsync();
        await grain.SendMessageAsync(new PatientMessage { Text = "I have a cough" });

        await grain.EraseAsync();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => grain.GetAsync());
    }
}
