using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

public sealed class EmergencyScreeningTests
{
    [Theory]
    [InlineData("I have chest pain that spreads to my left arm", "cardiac-chest-pain")]
    [InlineData("crushing chest pain", "cardiac-chest-pain")]
    [InlineData("chest pressure and I'm sweating a lot", "cardiac-chest-pain")]
    [InlineData("I can't breathe", "severe-breathing-difficulty")]
    [InlineData("my lips are turning blue", "severe-breathing-difficulty")]
    [InlineData("my face is drooping on one side", "stroke-signs")]
    [InlineData("my speech is slurred", "stroke-signs")]
    [InlineData("suddenly confused and disoriented", "stroke-signs")]
    [InlineData("I cut my hand and the bleeding won't stop", "heavy-bleeding")]
    [InlineData("I've been vomiting blood", "heavy-bleeding")]
    [InlineData("black tarry stool and I feel dizzy", "heavy-bleeding")]
    [InlineData("I fainted at work", "loss-of-consciousness")]
    [InlineData("he passed out", "loss-of-consciousness")]
    [InlineData("after eating peanuts my throat is swelling", "anaphylaxis")]
    [InlineData("hives all over and I'm wheezing", "anaphylaxis")]
    [InlineData("she had a seizure", "seizure")]
    [InlineData("I want to end my life", "suicide-risk")]
    [InlineData("I keep thinking I should kill myself", "suicide-risk")]
    [InlineData("I want to hurt myself", "suicide-risk")]
    [InlineData("my belly is rigid and hard", "acute-abdomen")]
    [InlineData("worst abdominal pain of my life", "acute-abdomen")]
    [InlineData("worst headache of my life", "thunderclap-headache")]
    [InlineData("fever and a stiff neck", "meningism")]
    [InlineData("I have a fever and my neck feels stiff", "meningism")]
    public void Rule_FiresOnTypicalPhrasing(string text, string ruleId)
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send(text);

        Assert.Contains(step.NewRedFlags, f => f.RuleId == ruleId);
        Assert.Equal(TriageLevel.Emergency, step.Triage.Level);
    }

    [Theory]
    [InlineData("no chest pain, just a cough")]
    [InlineData("I'm not short of breath and have no chest pain")]
    [InlineData("I can breathe fine, I have a runny nose")]
    [InlineData("no face drooping, no slurred speech, no weakness on one side")]
    [InlineData("I didn't pass out")]
    [InlineData("never had a seizure")]
    [InlineData("I'm not suicidal and I don't want to hurt myself")]
    [InlineData("no vomiting blood, no black stool")]
    [InlineData("no throat swelling, no hives")]
    [InlineData("I have a fever but no stiff neck")]
    [InlineData("I have a fever but my neck is not stiff")]
    [InlineData("denies crushing chest pain")]
    public void Rule_DoesNotFireWhenNegated(string text)
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send(text);

        Assert.Empty(step.NewRedFlags);
        Assert.NotEqual(TriageLevel.Emergency, step.Triage.Level);
    }

    [Fact]
    public void InfantFever_FiresUnderThreeMonths()
    {
        var conversation = new InterviewConversation(new PatientProfile { Age = 0, AgeMonths = 2, Sex = Sex.Female });

        var step = conversation.Send("she has a temperature of 38.2");

        Assert.Contains(step.NewRedFlags, f => f.RuleId == "infant-fever");
    }

    [Fact]
    public void InfantFever_SilentAtSixMonths()
    {
        var conversation = new InterviewConversation(new PatientProfile { Age = 0, AgeMonths = 6, Sex = Sex.Female });

        var step = conversation.Send("she has a fever");

        Assert.DoesNotContain(step.NewRedFlags, f => f.RuleId == "infant-fever");
        Assert.Equal(TriageLevel.Urgent, step.Triage.Level);
    }

    [Fact]
    public void InfantFever_SilentBelowThreshold()
    {
        var conversation = new InterviewConversation(new PatientProfile { Age = 0, AgeMonths = 1, Sex = Sex.Male });

        var step = conversation.Send("his temperature is 37.4 C and he is feeding well");

        Assert.Empty(step.NewRedFlags);
    }

    [Fact]
    public void CardiacRule_CombinesTurns()
    {
        var conversation = new InterviewConversation();

        var first = conversation.Send("I have chest pain");
        var second = conversation.Send("it goes down my left arm");

        Assert.Empty(first.NewRedFlags);
        var flag = Assert.Single(second.NewRedFlags);
        Assert.Equal("cardiac-chest-pain", flag.RuleId);
        Assert.Equal(2, flag.Turn);
    }

    [Fact]
    public void ScreeningYes_FiresRule()
    {
        var conversation = new InterviewConversation();

        var first = conversation.Send("chest pain since this morning");
        var second = conversation.Send("yes");

        Assert.Equal("chest-pain.breathless", first.NextQuestion?.Id);
        Assert.Contains(second.NewRedFlags, f => f.RuleId == "cardiac-chest-pain");
    }

    [Fact]
    public void Rule_FiresOncePerSession()
    {
        var conversation = new InterviewConversation();

        var first = conversation.Send("I fainted this morning");
        var second = conversation.Send("I passed out again");

        Assert.Single(first.NewRedFlags);
        Assert.Empty(second.NewRedFlags);
        Assert.Equal(TriageLevel.Emergency, second.Triage.Level);
    }

    [Fact]
    public void Emergency_StaysForSession()
    {
        var conversation = new InterviewConversation();

        conversation.Send("I had a seizure");
        var later = conversation.Send("no, nothing else hurts");

        Assert.Equal(TriageLevel.Emergency, later.Triage.Level);
    }

    [Fact]
    public void SuicideAdvice_NamesCrisisLineAndEmergencyNumber()
    {
        var conversation = new InterviewConversation();

        var flag = Assert.Single(conversation.Send("I want to kill myself").NewRedFlags);

        Assert.Contains("local emergency number", flag.Advice, StringComparison.Ordinal);
        Assert.Contains("crisis line", flag.Advice, StringComparison.Ordinal);
        Assert.Equal(TriageLevel.Emergency, flag.Level);
        Assert.False(string.IsNullOrWhiteSpace(flag.Description));
    }
}
