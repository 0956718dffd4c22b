using System.Diagnostics;
using Xunit.Abstractions;

namespace MedifyAI.Tests.Interview;

public sealed class InterviewThroughputTests(ITestOutputHelper output)
{
    private static readonly string[] Messages =
    [
        "I've had a headache for 3 days, about 7/10, and no fever or stiff neck.",
        "no",
        "It started suddenly yesterday evening and gets worse when I bend over.",
        "I take paracetamol sometimes but no other medicines.",
        "No nausea or vomiting, but I feel dizzy and tired. My left arm is fine.",
    ];

    [Fact]
    public void Process_TakesUnderOneMillisecond()
    {
        const int Conversations = 400;
        Run(20);

        var stopwatch = Stopwatch.StartNew();
        var turns = Run(Conversations);
        stopwatch.Stop();

        var perTurn = stopwatch.Elapsed.TotalMilliseconds / turns;
        output.WriteLine(
            $"{turns} turns in {stopwatch.Elapsed.TotalMilliseconds:F1} ms: {perTurn * 1000:F1} µs per turn");
        Assert.True(perTurn < 1.0, $"Process took {perTurn:F3} ms per turn; the budget is 1 ms.");
    }

    private static int Run(int conversations)
    {
        var turns = 0;
        for (var c = 0; c < conversations; c++)
        {
            var conversation = new InterviewConversation();
            foreach (var message in Messages)
            {
                conversation.Send(message);
                turns++;
            }
        }

        return turns;
    }
}
