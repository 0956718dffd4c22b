using System.Net;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// An embedded index that cannot be opened: search and dataset routes return 503, and chats go on without references.
/// </summary>
public sealed class KnowledgeOutageTests
{
    [Fact]
    public async Task LockedIndex_SearchIs503ChatContinues()
    {
        using var data = new TempDirectory("medifyai-outage");
        var indexDirectory = Directory.CreateDirectory(Path.Combine(data.Path, "index")).FullName;

        // The lock a reindex run holds on the embedded index of a stopped silo.
        await using var reindexLock = new FileStream(
            Path.Combine(indexDirectory, "index.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        await using var host = await SiloProcessHost.StartAsync(data.Path, TestTokens.WithHostSettings());
        TestTokens.Authorize(host.Http, "operator-and-patient-1", "operator", "patient");

        var search = await host.Http.PostJsonAsync("/api/search", new { query = "night sweats and weight loss", k = 3 });
        var created = await host.Http.PostJsonAsync("/api/sessions", new { age = 40, sex = "female" });
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;
        var turn = await host.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "I have a cough" });
        var dataset = await host.Http.GetAsync("/api/datasets/pmc-patients");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        var problem = await search.ReadAsync<ProblemDetails>();
        Assert.Equal("Knowledge search unavailable.", problem.Title);
        Assert.DoesNotContain("sweats", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.Empty((await turn.ReadAsync<TurnReply>()).References);

        // Dataset routes need the index itself, so they cannot go on without it.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, dataset.StatusCode);
        Assert.NotNull(dataset.Headers.RetryAfter);
    }
}
