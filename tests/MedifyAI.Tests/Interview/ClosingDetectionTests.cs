namespace MedifyAI.Tests.Interview;

public sealed class ClosingDetectionTests
{
    [Theory]
    [InlineData("that's all")]
    [InlineData("That is all, thank you")]
    [InlineData("I'm done")]
    [InlineData("nothing else")]
    [InlineData("no that's it")]
    [InlineData("bye")]
    [InlineData("ok thanks, bye!")]
    public void ClosingPhrase_EndsInterview(string text)
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");

        var step = conversation.Send(text);

        Assert.True(step.PatientIsDone);
        Assert.Null(step.NextQuestion);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("nope")]
    [InlineData("no, none")]
    public void NoToQuestion_IsNotDone(string text)
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");

        var step = conversation.Send(text);

        Assert.False(step.PatientIsDone);
        Assert.NotNull(step.NextQuestion);
    }

    [Theory]
    [InlineData("I'm done with antibiotics but the cough is back")]
    [InlineData("nothing else helps the pain")]
    public void ClosingWordsInSentence_AreNotDone(string text)
    {
        var conversation = new InterviewConversation();
        conversation.Send("I have a cough");

        var step = conversation.Send(text);

        Assert.False(step.PatientIsDone);
    }

    [Fact]
    public void NoAfterInvitation_EndsInterview()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I have a runny nose");
        while (step.NextQuestion is not null)
        {
            step = conversation.Send("not sure");
        }

        var last = conversation.Send("no");

        Assert.True(last.PatientIsDone);
    }
}
