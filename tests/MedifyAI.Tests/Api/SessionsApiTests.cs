using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MedifyAI.Security;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Api;

/// <summary>The chat routes over real HTTP against the embedded host.</summary>
public sealed class SessionsApiTests : IClassFixture<EmbeddedHostFixture>, IDisposable
{
    private readonly EmbeddedHostFixture _fixture;

    public SessionsApiTests(EmbeddedHostFixture fixture)
    {
        _fixture = fixture;

        // A patient of its own for every test, so per-patient rate limits of one test never reach another.
        Http = fixture.Host.CreateClient($"patient-{Guid.NewGuid():N}", Roles.Patient);
    }

    private HttpClient Http { get; }

    public void Dispose() => Http.Dispose();

    [Fact]
    public async Task Create_ReturnsCreatedWithLocationAndGreeting()
    {
        var response = await Http.PostJsonAsync("/api/sessions", new { age = 34, sex = "female" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var started = await response.ReadAsync<SessionStarted>();
        Assert.True(SessionIds.IsWellFormed(started.SessionId));
        Assert.Equal($"/api/sessions/{started.SessionId}", response.Headers.Location?.OriginalString);
        Assert.False(string.IsNullOrWhiteSpace(started.Greeting));
    }

    [Fact]
    public async Task Chat_FullConversationEndsWithSummary()
    {
        var sessionId = await CreateSessionAsync();

        var first = await SendAsync(sessionId, "I have had a headache for 3 days");
        Assert.Equal(1, first.TurnNumber);
        Assert.False(string.IsNullOrWhiteSpace(first.Reply));
        Assert.Equal("guided-interview", first.Source);

        var second = await SendAsync(sessionId, "No fever and no stiff neck");
        Assert.Equal(2, second.TurnNumber);

        var session = await Http.GetFromJsonAsync<SessionSnapshot>($"/api/sessions/{sessionId}", ApiJson.Options);
        Assert.NotNull(session);
        Assert.Equal(SessionStatus.Active, session.Status);
        Assert.Equal(5, session.Turns.Count);

        var end = await Http.PostAsync($"/api/sessions/{sessionId}/end", null);
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        var summary = await end.ReadAsync<ClinicalSummary>();
        Assert.Equal(ClinicalSummary.StandardDisclaimer, summary.Disclaimer);

        var again = await Http.GetFromJsonAsync<ClinicalSummary>($"/api/sessions/{sessionId}/summary", ApiJson.Options);
        Assert.Equal(summary.GeneratedAt, again!.GeneratedAt);
    }

    [Fact]
    public async Task Message_RetryWithSameClientIdAddsNoTurn()
    {
        var sessionId = await CreateSessionAsync();
        var body = new { text = "My throat is sore", clientMessageId = "m-1" };

        var first = await (await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", body)).ReadAsync<TurnReply>();
        var retry = await (await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", body)).ReadAsync<TurnReply>();

        Assert.Equal(first.Reply, retry.Reply);
        Assert.Equal(first.TurnNumber, retry.TurnNumber);
        Assert.Equal(first.Triage.Level, retry.Triage.Level);
        Assert.True(retry.Replayed);

        var session = await Http.GetFromJsonAsync<SessionSnapshot>($"/api/sessions/{sessionId}", ApiJson.Options);
        Assert.Equal(3, session!.Turns.Count);
    }

    [Fact]
    public async Task Message_TriageAndFindingsAreReported()
    {
        var sessionId = await CreateSessionAsync();

        var reply = await SendAsync(sessionId, "I have crushing chest pain spreading to my left arm and I am sweating");

        Assert.Equal(TriageLevel.Emergency, reply.Triage.Level);
        Assert.NotEmpty(reply.RedFlags);
        Assert.NotEmpty(reply.Triage.Reasons);
        Assert.StartsWith(reply.RedFlags[0].Advice, reply.Reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"age\":\"forty\",\"sex\":\"female\"}", "age")]
    [InlineData("{\"age\":40,\"sex\":\"robot\"}", "sex")]
    [InlineData("{\"sex\":\"female\"}", "age")]
    [InlineData("{\"age\":200,\"sex\":\"female\"}", "age")]
    [InlineData("{\"age\":-1,\"sex\":\"male\"}", "age")]
    [InlineData("{\"age\":40,\"sex\":\"male\",\"medications\":[\"\"]}", "medications[0]")]
    [InlineData("{\"age\":40,\"sex\":\"male\",\"favouriteColour\":\"blue\"}", "favouriteColour")]
    [InlineData("{\"age\":1,\"sex\":\"male\",\"ageMonths\":3}", "ageMonths")]
    [InlineData("{\"age\":40,", "body")]
    [InlineData("[]", "body")]
    public async Task Create_InvalidProfileIsRejectedNamingTheField(string body, string field)
    {
        var response = await Http.PostRawJsonAsync("/api/sessions", body);

        await AssertValidationProblemAsync(response, field);
    }

    [Theory]
    [InlineData("{\"text\":\"\"}", "text")]
    [InlineData("{\"text\":\"   \"}", "text")]
    [InlineData("{\"text\":\"\\u0000\\u0000\"}", "text")]
    [InlineData("{\"text\":\"\\u0007 \\u001b\"}", "text")]
    [InlineData("{}", "text")]
    [InlineData("{\"text\":42}", "text")]
    [InlineData("{\"text\":\"hi\",\"clientMessageId\":\"\"}", "clientMessageId")]
    [InlineData("not json", "body")]
    public async Task Message_InvalidBodyIsRejectedNamingTheField(string body, string field)
    {
        var sessionId = await CreateSessionAsync();

        var response = await Http.PostRawJsonAsync($"/api/sessions/{sessionId}/messages", body);

        await AssertValidationProblemAsync(response, field);
    }

    [Fact]
    public async Task Message_OverLongTextIsRejected()
    {
        var sessionId = await CreateSessionAsync();

        var response = await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = new string('a', 4_001) });

        await AssertValidationProblemAsync(response, "text");
    }

    [Fact]
    public async Task Message_WithoutBodyOrWrongContentTypeIsClientError()
    {
        var sessionId = await CreateSessionAsync();

        var empty = await Http.PostAsync($"/api/sessions/{sessionId}/messages", new StringContent("", null, "application/json"));
        var plain = await Http.PostAsync($"/api/sessions/{sessionId}/messages", new StringContent("hello"));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/sessions/{0}")]
    [InlineData("POST", "/api/sessions/{0}/end")]
    [InlineData("GET", "/api/sessions/{0}/summary")]
    [InlineData("POST", "/api/sessions/{0}/messages")]
    public async Task UnknownSession_Returns404Problem(string method, string pathTemplate)
    {
        foreach (var id in new[] { SessionIds.New(), "not-a-session-id" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), string.Format(pathTemplate, id));
            if (method == "POST")
            {
                request.Content = JsonContent.Create(new { text = "hello" });
            }

            var response = await Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task EndedSession_RejectsMessagesWith409()
    {
        var sessionId = await CreateSessionAsync();
        await Http.PostAsync($"/api/sessions/{sessionId}/end", null);

        var response = await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "one more thing" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Summary_OfActiveSessionIs409()
    {
        var sessionId = await CreateSessionAsync();

        var response = await Http.GetAsync($"/api/sessions/{sessionId}/summary");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheRoutes()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/sessions", out _));
        Assert.True(paths.TryGetProperty("/api/sessions/{id}/messages", out _));
        Assert.True(paths.TryGetProperty("/api/sessions/{id}/summary", out _));
    }

    [Fact]
    public async Task Dashboard_OnlyOnManagementPort()
    {
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_fixture.Host.ManagementPort}") };

        var onManagement = await management.GetAsync("/dashboard/");
        var onApi = await Http.GetAsync("/dashboard/");
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        spoofed.Headers.Host = $"127.0.0.1:{_fixture.Host.ManagementPort}";
        var onApiWithSpoofedHost = await Http.SendAsync(spoofed);
        var apiOnManagement = await management.PostAsync("/api/sessions", JsonContent.Create(new { age = 30, sex = "male" }));

        Assert.Equal(HttpStatusCode.OK, onManagement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onApiWithSpoofedHost.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, apiOnManagement.StatusCode);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/health/ready")).StatusCode);
    }

    private async Task<string> CreateSessionAsync()
    {
        var response = await Http.PostJsonAsync("/api/sessions", new { age = 40, sex = "male" });
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<SessionStarted>()).SessionId;
    }

    private async Task<TurnReply> SendAsync(string sessionId, string text)
    {
        var response = await Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<TurnReply>();
    }

    private static async Task AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
