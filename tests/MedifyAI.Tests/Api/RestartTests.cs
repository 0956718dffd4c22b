using System.Net;
using System.Net.Http.Json;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Api;

/// <summary>Stopping and starting the embedded host on the same data directory loses no acknowledged turn.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_KeepsEveryAcknowledgedTurn()
    {
        using var data = new TempDirectory("medifyai-restart");
        var ports = FreePorts.Take(4);
        string sessionId;
        var replies = new List<TurnReply>();

        await using (var first = await SiloProcessHost.StartAsync(data.Path, ports: ports))
        {
            var created = await first.Http.PostJsonAsync("/api/sessions", new { age = 29, sex = "female" });
            sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;

            foreach (var text in new[] { "I have a sore throat", "It started 2 days ago", "About 4 out of 10" })
            {
                var response = await first.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text });
                replies.Add(await response.ReadAsync<TurnReply>());
            }
        }

        await using var second = await SiloProcessHost.StartAsync(data.Path, ports: ports);
        var session = await second.Http.GetFromJsonAsync<SessionSnapshot>($"/api/sessions/{sessionId}", ApiJson.Options);

        Assert.NotNull(session);
        Assert.Equal(7, session.Turns.Count);
        var assistantReplies = session.Turns.Where(turn => turn.Role == ChatRole.Assistant && turn.Number > 0).ToList();
        Assert.Equal(replies.Select(reply => reply.Reply), assistantReplies.Select(turn => turn.Text));

        var next = await second.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "No fever" });
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(4, (await next.ReadAsync<TurnReply>()).TurnNumber);
    }
}
