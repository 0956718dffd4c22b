using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

public sealed class QuestionPlanningTests
{
    [Fact]
    public void Headache_AsksScreeningFirst()
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send("I have a headache");

        Assert.Equal("headache.sudden-onset", step.NextQuestion?.Id);
        Assert.Equal("headache.sudden-onset", conversation.State.PendingQuestion);
    }

    [Fact]
    public void NoComplaint_AsksForSymptoms()
    {
        var conversation = new InterviewConversation();

        var step = conversation.Send("hello there");

        Assert.Equal("complaint", step.NextQuestion?.Id);
    }

    [Fact]
    public void Questions_NeverRepeat()
    {
        var conversation = new InterviewConversation();
        var asked = new List<string>();

        var step = conversation.Send("I have a headache");
        for (var i = 0; i < 30 && step.NextQuestion is { } question; i++)
        {
            asked.Add(question.Id);
            step = conversation.Send("I'm not sure");
        }

        Assert.Null(step.NextQuestion);
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.Equal(asked, conversation.State.AskedQuestions);
    }

    [Fact]
    public void KnownAnswers_AreSkipped()
    {
        var profile = new PatientProfile
        {
            Age = 30,
            Sex = Sex.Male,
            Medications = ["ibuprofen"],
            Allergies = ["penicillin"],
            KnownConditions = ["asthma"],
        };
        var conversation = new InterviewConversation(profile);
        var asked = new List<string>();

        var step = conversation.Send("a headache for 3 days, 7/10, no fever, no stiff neck");
        while (step.NextQuestion is { } question)
        {
            asked.Add(question.Id);
            step = conversation.Send("no");
        }

        Assert.DoesNotContain("onset", asked);
        Assert.DoesNotContain("severity", asked);
        Assert.DoesNotContain("headache.fever", asked);
        Assert.DoesNotContain("headache.stiff-neck", asked);
        Assert.DoesNotContain("medications", asked);
        Assert.DoesNotContain("allergies", asked);
        Assert.DoesNotContain("history", asked);
        Assert.Contains("headache.sudden-onset", asked);
        Assert.Contains("timing", asked);
    }

    [Fact]
    public void OnsetAnswer_SetsDuration()
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");
        AnswerUntil(conversation, "onset");

        conversation.Send("3 days");

        Assert.Equal(72.0, conversation.Finding("cough")?.DurationHours);
        Assert.Equal("3 days ago", conversation.Finding("cough")?.Onset);
    }

    [Fact]
    public void SeverityAnswer_SetsSeverity()
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");
        AnswerUntil(conversation, "severity");

        conversation.Send("7");

        Assert.Equal(7, conversation.Finding("cough")?.Severity);
    }

    [Fact]
    public void MedicationsNone_IsStored()
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");
        AnswerUntil(conversation, "medications");

        var step = conversation.Send("none");

        Assert.Equal("none", conversation.State.Answers["medications"]);
        Assert.False(step.PatientIsDone);
    }

    [Fact]
    public void ScreeningNo_RecordsAbsent()
    {
        var conversation = new InterviewConversation();
        conversation.Send("chest pain");

        var step = conversation.Send("no");

        Assert.False(conversation.Finding("shortness-of-breath")?.Present);
        Assert.False(step.PatientIsDone);
        Assert.Equal("chest-pain.sweating", step.NextQuestion?.Id);
    }

    [Fact]
    public void ScreeningYes_RecordsPresent()
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a headache");

        conversation.Send("yes, it came on suddenly");

        Assert.True(conversation.Finding("thunderclap-headache")?.Present);
    }

    [Fact]
    public void RadiationYes_KeepsLocation()
    {
        var conversation = new InterviewConversation();
        conversation.Send("chest pain, no shortness of breath, no sweating");

        conversation.Send("yes, to my left arm");

        Assert.Equal("left arm", conversation.Finding("radiating-pain")?.Location);
    }

    [Fact]
    public void AbdominalPain_AsksPregnancyForWomen()
    {
        var conversation = new InterviewConversation(InterviewConversation.Adult(Sex.Female, 28));
        var asked = new List<string>();

        var step = conversation.Send("tummy ache");
        while (step.NextQuestion is { } question && asked.Count < 6)
        {
            asked.Add(question.Id);
            step = conversation.Send("no");
        }

        Assert.Equal("abdominal-pain.rigid", asked[0]);
        Assert.Contains("abdominal-pain.pregnancy", asked);
    }

    [Fact]
    public void FinalStep_HasNoQuestion()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I have a runny nose");
        while (step.NextQuestion is not null)
        {
            step = conversation.Send("not really");
        }

        Assert.Null(conversation.State.PendingQuestion);
        Assert.False(step.PatientIsDone);
    }

    private static void AnswerUntil(InterviewConversation conversation, string questionId)
    {
        for (var i = 0; i < 20 && conversation.State.PendingQuestion != questionId; i++)
        {
            Assert.NotNull(conversation.State.PendingQuestion);
            conversation.Send("hmm, I'm not sure");
        }

        Assert.Equal(questionId, conversation.State.PendingQuestion);
    }
}
