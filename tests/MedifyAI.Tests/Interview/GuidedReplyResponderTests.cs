using MedifyAI.Generation;
using MedifyAI.Interview;
using MedifyAI.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Interview;

public sealed class GuidedReplyResponderTests
{
    [Fact]
    public async Task Reply_AcknowledgesAndAsksOneQuestion()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I've had a headache for 3 days, 7/10, and no fever");

        var reply = await WriteAsync(conversation, step, []);

        Assert.StartsWith("Thank you. I've noted a headache for 3 days, rated 7 out of 10 and no fever.", reply.Text);
        Assert.EndsWith(step.NextQuestion!.Text, reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, reply.Text.Count(c => c == '?'));
        Assert.Equal("guided-interview", reply.Source);
    }

    [Fact]
    public async Task Reply_AddsUrgentAdviceOnce()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I've had a fever for 5 days");

        var first = await WriteAsync(conversation, step, []);
        var earlier = new ChatTurn
        {
            Number = 1,
            Role = ChatRole.Assistant,
            Text = first.Text,
            At = DateTimeOffset.UnixEpoch,
            Triage = step.Triage,
        };
        var next = conversation.Send("no");
        var second = await WriteAsync(conversation, next, [earlier]);

        Assert.Contains("within 24 hours", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("within 24 hours", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_LeavesOutEmergencyAdvice()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I want to end my life");

        var reply = await WriteAsync(conversation, step, []);

        Assert.NotEmpty(step.NewRedFlags);
        Assert.DoesNotContain(step.NewRedFlags[0].Advice, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_InvitesClosingWhenNoQuestion()
    {
        var conversation = new InterviewConversation();
        var step = conversation.Send("I have a runny nose");
        while (step.NextQuestion is not null)
        {
            step = conversation.Send("not sure");
        }

        var reply = await WriteAsync(conversation, step, []);

        Assert.Contains("anything else", reply.Text, StringComparison.Ordinal);
        Assert.Equal(1, reply.Text.Count(c => c == '?'));
    }

    [Fact]
    public void Greeting_DisclaimsAndAsks()
    {
        var greeting = new GuidedInterview().Greet(InterviewConversation.Adult());

        Assert.Contains("automated", greeting, StringComparison.Ordinal);
        Assert.Contains("diagnosis", greeting, StringComparison.Ordinal);
        Assert.Contains("emergency", greeting, StringComparison.Ordinal);
        Assert.EndsWith("?", greeting, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_ResolvesSingletons()
    {
        using var provider = new ServiceCollection().AddGuidedInterview().BuildServiceProvider();

        var interview = provider.GetRequiredService<IGuidedInterview>();
        var responder = provider.GetRequiredService<IReplyResponder>();

        Assert.IsType<GuidedInterview>(interview);
        Assert.Same(interview, provider.GetRequiredService<IGuidedInterview>());
        Assert.Same(responder, provider.GetRequiredService<GuidedReplyResponder>());
        Assert.Equal("guided-interview", responder.Name);
    }

    private static Task<ResponderReply> WriteAsync(
        InterviewConversation conversation,
        InterviewStep step,
        IReadOnlyList<ChatTurn> turns)
    {
        var context = new ReplyContext(
            "s", conversation.Profile, turns, conversation.State, step, conversation.RedFlags);
        return new GuidedReplyResponder().WriteReplyAsync(context, CancellationToken.None);
    }
}
