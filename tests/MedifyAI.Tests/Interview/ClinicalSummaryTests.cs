using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

public sealed class ClinicalSummaryTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Summary_ContainsHistoryAndDisclaimer()
    {
        var profile = new PatientProfile
        {
            Age = 45,
            Sex = Sex.Female,
            KnownConditions = ["migraine"],
            Medications = ["sumatriptan"],
        };
        var conversation = new InterviewConversation(profile);
        conversation.Send("I've had a headache for 3 days, 7/10, on the left side. No fever, no vomiting.");
        conversation.Send("no");
        var step = conversation.Send("no stiff neck");

        var summary = conversation.Interview.Summarize(
            "session-1", conversation.State, profile, conversation.RedFlags, step.Triage, Now);

        Assert.Equal("session-1", summary.SessionId);
        Assert.Equal("Headache for 3 days", summary.ChiefComplaint);
        Assert.Contains("headache for 3 days", summary.HistoryOfPresentIllness, StringComparison.Ordinal);
        Assert.Contains("rated 7 out of 10", summary.HistoryOfPresentIllness, StringComparison.Ordinal);
        Assert.Contains("left side", summary.HistoryOfPresentIllness, StringComparison.Ordinal);
        Assert.Contains("Denies", summary.HistoryOfPresentIllness, StringComparison.Ordinal);
        Assert.Contains(summary.PertinentPositives, p => p.StartsWith("headache for 3 days", StringComparison.Ordinal));
        Assert.Contains("no fever", summary.PertinentNegatives);
        Assert.Contains("no vomiting", summary.PertinentNegatives);
        Assert.Contains("no stiff neck", summary.PertinentNegatives);
        Assert.Contains("Known conditions: migraine", summary.RelevantHistory);
        Assert.Contains("Medications: sumatriptan", summary.RelevantHistory);
        Assert.Equal(ClinicalSummary.StandardDisclaimer, summary.Disclaimer);
        Assert.Equal("guided-interview", summary.Source);
        Assert.Equal(Now, summary.GeneratedAt);
        Assert.Same(step.Triage, summary.Triage);
    }

    [Fact]
    public void Summary_IncludesRedFlagsAndAnswers()
    {
        var conversation = new InterviewConversation();
        conversation.Send("chest pain and I'm sweating");
        var step = conversation.Send("yes I'm short of breath");
        while (step.NextQuestion is { Id: not "medications" })
        {
            step = conversation.Send("not sure");
        }

        step = conversation.Send("I take aspirin daily");
        var summary = conversation.Interview.Summarize(
            "s", conversation.State, conversation.Profile, conversation.RedFlags, step.Triage, Now);

        Assert.Contains(summary.RedFlags, f => f.RuleId == "cardiac-chest-pain");
        Assert.Equal(TriageLevel.Emergency, summary.Triage.Level);
        Assert.Contains("Medications reported in the chat: I take aspirin daily", summary.RelevantHistory);
    }

    [Fact]
    public void Summary_StatesNoDiagnosis()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I have a cough and a fever for 4 days");

        var summary = conversation.Interview.Summarize(
            "s", conversation.State, conversation.Profile, conversation.RedFlags, step.Triage, Now);
        var text = string.Join(" ", summary.HistoryOfPresentIllness, summary.ChiefComplaint,
            string.Join(" ", summary.Triage.Reasons));

        Assert.DoesNotContain("diagnos", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("you have", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not a diagnosis", summary.Disclaimer, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySession_StillSummarizes()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("hello");

        var summary = conversation.Interview.Summarize(
            "s", conversation.State, conversation.Profile, conversation.RedFlags, step.Triage, Now);

        Assert.Empty(summary.PertinentPositives);
        Assert.False(string.IsNullOrWhiteSpace(summary.ChiefComplaint));
    }
}
