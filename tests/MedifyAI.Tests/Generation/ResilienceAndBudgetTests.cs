using System.Text.Json;
using MedifyAI.Generation;
using MedifyAI.Tests.Fakes;

namespace MedifyAI.Tests.Generation;

/// <summary>The circuit breaker and the prompt budget, each on a host configured for the case.</summary>
public sealed class ResilienceAndBudgetTests
{
    [Fact]
    public async Task CircuitBreaker_OpensAndStopsCallingEndpoint()
    {
        await using var host = await ModelChatHost.StartAsync(new Dictionary<string, string?>
        {
            ["MedifyAI:Generation:SageMaker:MaxRetryAttempts"] = "0",
            ["MedifyAI:Generation:SageMaker:CircuitBreakerMinimumThroughput"] = "3",
            ["MedifyAI:Generation:SageMaker:CircuitBreakerFailureRatio"] = "0.5",
            ["MedifyAI:Generation:SageMaker:CircuitBreakerBreakDuration"] = "00:01:00",
        });
        var sessionId = await host.CreateSessionAsync();
        for (var i = 0; i < 10; i++)
        {
            host.Fake.EnqueueFault(FakeSageMakerFault.ServiceUnavailable);
        }

        var reasons = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            reasons.Add((await host.SendAsync(sessionId, $"Message number {i} about my sore throat")).FallbackReason);
        }

        Assert.Equal([FallbackReasons.Unavailable, FallbackReasons.Unavailable, FallbackReasons.Unavailable], reasons.Take(3));
        Assert.All(reasons.Skip(3), reason => Assert.Equal(FallbackReasons.CircuitOpen, reason));
        Assert.Equal(3, host.Fake.SignedRequestCount);
    }

    [Fact]
    public async Task LongChat_OlderTurnsFoldedWithinBudget()
    {
        const int budget = 1200;
        await using var host = await ModelChatHost.StartAsync(new Dictionary<string, string?>
        {
            ["MedifyAI:Generation:MaxPromptTokens"] = ModelChatHost.Number(budget),
        });
        var sessionId = await host.CreateSessionAsync();
        var padding = string.Join(' ', Enumerable.Repeat("The ache is dull and steady through the day.", 6));
        for (var i = 1; i <= 12; i++)
        {
            await host.SendAsync(sessionId, $"marker-{i:00}. {padding}");
        }

        var prompt = host.LastPrompt();
        var system = prompt[0].Content;
        Assert.Contains("## Earlier in the conversation", system, StringComparison.Ordinal);
        Assert.Contains("are not repeated below", system, StringComparison.Ordinal);
        Assert.DoesNotContain(prompt, m => m.Content.Contains("marker-01.", StringComparison.Ordinal));
        Assert.Contains("marker-11.", prompt[^3].Content, StringComparison.Ordinal);
        Assert.Contains("marker-12.", prompt[^1].Content, StringComparison.Ordinal);

        var characters = prompt.Sum(m => m.Content.Length + 24);
        Assert.True((characters + 3) / 4 <= budget, $"prompt of about {(characters + 3) / 4} tokens exceeds {budget}");

        // Every request before the budget ran out carried the whole chat.
        var first = JsonDocument.Parse(host.Fake.Requests.First().Body).RootElement.GetProperty("messages");
        Assert.DoesNotContain("## Earlier in the conversation", first[0].GetProperty("content").GetString(), StringComparison.Ordinal);
    }
}
