using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

public sealed class TriageTests
{
    [Theory]
    [InlineData("a mild sore throat since yesterday", TriageLevel.SelfCare)]
    [InlineData("a runny nose and sneezing for 2 days", TriageLevel.SelfCare)]
    [InlineData("a fever for 5 days", TriageLevel.Urgent)]
    [InlineData("back pain, 9/10", TriageLevel.Urgent)]
    [InlineData("blood in my urine", TriageLevel.Urgent)]
    [InlineData("a cough for 3 weeks", TriageLevel.Routine)]
    [InlineData("a headache, 5 out of 10", TriageLevel.Routine)]
    [InlineData("a rash on my arm", TriageLevel.Routine)]
    [InlineData("crushing chest pain", TriageLevel.Emergency)]
    public void Level_FollowsFindings(string text, TriageLevel level)
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send(text);

        Assert.Equal(level, step.Triage.Level);
        Assert.NotEmpty(step.Triage.Reasons);
    }

    [Fact]
    public void Pregnancy_MakesAbdominalPainUrgent()
    {
        var conversation = new InterviewConversation(InterviewConversation.Adult(Sex.Female, 29));

        var step = conversation.Send("I'm pregnant and I have mild stomach pain");

        Assert.Equal(TriageLevel.Urgent, step.Triage.Level);
        Assert.Contains(step.Triage.Reasons, r => r.Contains("pregnancy", StringComparison.Ordinal));
    }

    [Fact]
    public void Immunosuppression_MakesFeverUrgent()
    {
        var profile = new PatientProfile { Age = 50, Sex = Sex.Female, KnownConditions = ["on chemotherapy"] };
        var conversation = new InterviewConversation(profile);

        var step = conversation.Send("I have a mild fever since today");

        Assert.Equal(TriageLevel.Urgent, step.Triage.Level);
    }

    [Fact]
    public void Elderly_MakesFeverUrgent()
    {
        var conversation = new InterviewConversation(InterviewConversation.Adult(Sex.Male, 81));

        var step = conversation.Send("I have a fever");

        Assert.Equal(TriageLevel.Urgent, step.Triage.Level);
    }

    [Fact]
    public void Emergency_ReasonNamesRedFlag()
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send("I passed out");

        Assert.Contains(step.Triage.Reasons, r => r.StartsWith("Red flag:", StringComparison.Ordinal));
    }
}
