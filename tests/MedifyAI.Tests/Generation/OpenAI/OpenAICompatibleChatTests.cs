using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Generation.OpenAI;

/// <summary>
/// Chats through the real host with <c>MedifyAI:Generation:Provider=OpenAI</c> against a loopback OpenAI-compatible
/// server, as a self-hosted vLLM or llama.cpp server would serve OpenBioLLM.
/// </summary>
public sealed class OpenAICompatibleChatTests : IAsyncLifetime
{
    private readonly TempDirectory _data = new("medifyai-openai");
    private FakeChatCompletionsServer _server = null!;
    private SiloProcessHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatCompletionsServer.StartAsync();
        _host = await SiloProcessHost.StartAsync(_data.Path, TestTokens.WithHostSettings(new()
        {
            ["MedifyAI:Generation:Provider"] = "OpenAI",
            ["MedifyAI:Generation:OpenAI:BaseUrl"] = _server.BaseUrl.ToString(),
            ["MedifyAI:Generation:OpenAI:Model"] = FakeChatCompletionsServer.Model,
            ["MedifyAI:Generation:OpenAI:ApiKey"] = FakeChatCompletionsServer.ApiKey,
            ["MedifyAI:Generation:OpenAI:Timeout"] = "00:00:05",
            ["MedifyAI:Generation:OpenAI:MaxRetryAttempts"] = "1",
        }));
        TestTokens.Authorize(_host.Http, "patient-openai", "patient");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Chat_RepliesFromServer()
    {
        var sessionId = await CreateSessionAsync();

        var reply = await SendAsync(sessionId, "I have had a cough for a week");

        Assert.Equal("openai", reply.Source);
        Assert.Null(reply.FallbackReason);
        Assert.Equal(_server.ReplyText, reply.Reply);
        Assert.Empty(_server.Rejections);
        var request = Assert.Single(_server.Requests);
        var messages = request["messages"]!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal("user", (string?)messages[^1]!["role"]);
        Assert.Contains("I have had a cough for a week", (string?)messages[^1]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_RelaysServerChunks()
    {
        var sessionId = await CreateSessionAsync();

        using var response = await ServerSentEvents.PostStreamAsync(_host.Http, sessionId, "I have had a cough for a week");
        var events = await ServerSentEvents.ReadAsync(response);

        Assert.Contains(events, e => e.Name == "token");
        var final = events[^1].Reply;
        Assert.Equal("openai", final.Source);
        Assert.Equal(_server.ReplyText, final.Reply);
        Assert.Equal(final.Reply, ServerSentEvents.ShownText(events));
        Assert.True(Assert.Single(_server.Requests)["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ServerError_RetriedThenAnswered()
    {
        var sessionId = await CreateSessionAsync();
        _server.FailNext.Enqueue(503);

        var reply = await SendAsync(sessionId, "I have had a cough for a week");

        Assert.Equal("openai", reply.Source);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task ServerDown_FallsBackToGuidedReply()
    {
        var sessionId = await CreateSessionAsync();
        _server.FailNext.Enqueue(503);
        _server.FailNext.Enqueue(503);

        var reply = await SendAsync(sessionId, "I have had a cough for a week");

        Assert.Equal("guided-interview", reply.Source);
        Assert.NotNull(reply.FallbackReason);
        Assert.False(string.IsNullOrWhiteSpace(reply.Reply));
    }

    private async Task<string> CreateSessionAsync()
    {
        var response = await _host.Http.PostJsonAsync("/api/sessions", new { age = 45, sex = "female" });
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<SessionStarted>()).SessionId;
    }

    private async Task<TurnReply> SendAsync(string sessionId, string text)
    {
        var response = await _host.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text });
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<TurnReply>();
    }
}
