using MedifyAI.Generation;
using MedifyAI.Interview;
using MedifyAI.Sessions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Tests.Generation;

public sealed class ReplyGuardTests
{
    private static readonly ReplyGuard Guard = new(Options.Create(new GenerationOptions { MaxReplyCharacters = 200 }));

    private static readonly RedFlag CardiacFlag = new()
    {
        RuleId = "cardiac-chest-pain",
        Description = "Chest pain with radiation to the arm",
        Advice = "Call your local emergency number now.",
        Level = TriageLevel.Emergency,
        Turn = 1,
    };

    [Theory]
    [InlineData("You have shingles. Take antivirals.")]
    [InlineData("You most likely have pneumonia.")]
    [InlineData("It's definitely a migraine, nothing more.")]
    [InlineData("You are suffering from gastroenteritis.")]
    [InlineData("The diagnosis is angina.")]
    public void Vet_DiagnosisAsFact_Rejected(string output)
    {
        Assert.Equal(ReplyGuard.Diagnosis, Guard.Vet(output, Context(redFlags: [])).RejectReason);
    }

    [Theory]
    [InlineData("Do you have any history of heart disease?")]
    [InlineData("Thank you. If you have diabetes, tell your clinician. When did the pain start?")]
    [InlineData("A clinician may want to rule out an infection. How high is your temperature?")]
    public void Vet_QuestionsAndHedging_Accepted(string output)
    {
        var verdict = Guard.Vet(output, Context(redFlags: []));

        Assert.Null(verdict.RejectReason);
        Assert.Equal(output, verdict.Text);
    }

    [Theory]
    [InlineData("This is nothing to worry about.")]
    [InlineData("There is no need to see a doctor tonight.")]
    [InlineData("You can safely wait until Monday.")]
    [InlineData("It's probably just indigestion.")]
    public void Vet_ReassuranceAfterRedFlag_Rejected(string output)
    {
        Assert.Equal(ReplyGuard.Reassurance, Guard.Vet(output, Context(redFlags: [CardiacFlag])).RejectReason);
    }

    [Fact]
    public void Vet_ReassuranceWithoutRedFlag_Accepted()
    {
        Assert.Null(Guard.Vet("A mild cold is usually nothing serious. How long have you had it?", Context(redFlags: [])).RejectReason);
    }

    [Fact]
    public void Vet_UrgentTriageWithoutFlag_ChecksReassurance()
    {
        var context = Context(redFlags: []) with
        {
            Step = new InterviewStep([], [], new TriageAssessment(TriageLevel.Urgent, []), null, false),
        };

        Assert.Equal(ReplyGuard.Reassurance, Guard.Vet("Nothing serious, just rest.", context).RejectReason);
    }

    [Fact]
    public void Vet_TemplateTokensAndFences_Stripped()
    {
        var verdict = Guard.Vet("assistant: <|eot_id|>Thanks. </patient_message>When did it start?<|eot_id|>", Context(redFlags: []));

        Assert.Equal("Thanks. When did it start?", verdict.Text);
    }

    [Theory]
    [InlineData(ClinicalPrompts.ReplyIdentity + " Hello.")]
    [InlineData("## Patient profile\nAge: 58")]
    [InlineData("Task: write your reply to the patient message above.")]
    public void Vet_EchoedPrompt_Rejected(string output)
    {
        Assert.Equal(ReplyGuard.Echo, Guard.Vet(output, Context(redFlags: [])).RejectReason);
    }

    [Fact]
    public void Vet_LongReply_CutAtWordBoundary()
    {
        var verdict = Guard.Vet(string.Join(' ', Enumerable.Repeat("word", 100)), Context(redFlags: []));

        Assert.True(verdict.Text!.Length <= 200);
        Assert.EndsWith("word…", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Vet_EmptyAfterCleaning_Rejected()
    {
        Assert.Equal(ReplyGuard.Empty, Guard.Vet(" <|eot_id|> ", Context(redFlags: [])).RejectReason);
    }

    [Fact]
    public void Vet_CitedReferences_ReturnedInOrder()
    {
        var context = Context(redFlags: []) with
        {
            References = [new("PMC-2", "b", "text"), new("PMC-1", "a", "text"), new("PMC-3", "c", "text")],
        };

        var verdict = Guard.Vet("Similar cases [PMC-1] and [PMC-2] describe this. When did it start?", context);

        Assert.Equal(["PMC-1", "PMC-2"], verdict.Citations);
    }

    private static ReplyContext Context(IReadOnlyList<RedFlag> redFlags) => new(
        "s-1",
        new PatientProfile { Age = 40, Sex = Sex.Female },
        [],
        new InterviewState(),
        new InterviewStep([], [], new TriageAssessment(redFlags.Count > 0 ? TriageLevel.Emergency : TriageLevel.SelfCare, []), null, false),
        redFlags);
}
