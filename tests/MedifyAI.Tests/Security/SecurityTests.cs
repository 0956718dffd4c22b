using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MedifyAI.Api.Patients;
using MedifyAI.Audit;
using MedifyAI.Security;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Tests.Security;

/// <summary>Authentication, authorization, abuse limits and privacy of the API over real HTTP.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task Tokens_InvalidOnesAreRejected()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);
        using var http = new HttpClient { BaseAddress = host.ApiBaseAddress };
        var invalidTokens = new Dictionary<string, string?>
        {
            ["missing"] = null,
            ["expired"] = TestTokens.Create("p", [Roles.Patient], lifetime: TimeSpan.FromMinutes(5), notBefore: DateTime.UtcNow.AddHours(-2)),
            ["wrong audience"] = TestTokens.Create("p", [Roles.Patient], audience: "someone-else"),
            ["wrong issuer"] = TestTokens.Create("p", [Roles.Patient], issuer: "https://evil.example"),
            ["wrong signature"] = TestTokens.Create("p", [Roles.Patient], signingKey: RandomNumberGenerator.GetBytes(32)),
            ["garbage"] = "not-a-jwt",
        };

        foreach (var (name, token) in invalidTokens)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
            {
                Content = JsonContent.Create(new { age = 30, sex = "male" }),
            };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name} token: {response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task OtherPatient_GetsNotFoundEverywhere()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);
        using var patientA = host.CreateClient("patient-a", Roles.Patient);
        using var patientB = host.CreateClient("patient-b", Roles.Patient);
        var sessionId = await StartSessionAsync(patientA);

        var read = await patientB.GetAsync($"/api/sessions/{sessionId}");
        var message = await patientB.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "hello" });
        var end = await patientB.PostAsync($"/api/sessions/{sessionId}/end", null);
        var summary = await patientB.GetAsync($"/api/sessions/{sessionId}/summary");
        var erase = await patientB.DeleteAsync($"/api/sessions/{sessionId}");
        var unknown = await patientB.GetAsync($"/api/sessions/{SessionIds.New()}");

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, end.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, summary.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, erase.StatusCode);
        Assert.Equal(unknown.StatusCode, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await patientA.GetAsync($"/api/sessions/{sessionId}")).StatusCode);
    }

    [Fact]
    public async Task Clinician_ReadsAndOperatorSeesAudit()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);
        using var patient = host.CreateClient("patient-c", Roles.Patient);
        using var clinician = host.CreateClient("dr-who", Roles.Clinician);
        using var operatorClient = host.CreateClient("ops-1", Roles.Operator);
        var sessionId = await StartSessionAsync(patient);

        var read = await clinician.GetAsync($"/api/sessions/{sessionId}");
        var write = await clinician.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "hello" });
        var ownRead = await patient.GetAsync($"/api/sessions/{sessionId}");
        var audit = await operatorClient.GetFromJsonAsync<List<AuditEntry>>($"/api/audit?sessionId={sessionId}", ApiJson.Options);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
        var entry = Assert.Single(audit!);
        Assert.Equal("dr-who", entry.ActorId);
        Assert.Equal(sessionId, entry.SessionId);
        Assert.Equal(Roles.Clinician, entry.Role);
    }

    [Fact]
    public async Task Patient_CannotCallOperatorRoutes()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);

        var audit = await host.Http.GetAsync("/api/audit");
        using var clinician = host.CreateClient("dr-x", Roles.Clinician);
        var clinicianAudit = await clinician.GetAsync("/api/audit");
        var clinicianCreate = await clinician.PostJsonAsync("/api/sessions", new { age = 30, sex = "male" });

        Assert.Equal(HttpStatusCode.Forbidden, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinicianAudit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinicianCreate.StatusCode);
    }

    [Fact]
    public async Task RateLimit_HitThenRecovers()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path, new Dictionary<string, string?>
        {
            ["MedifyAI:Security:MessagesPerWindow"] = "3",
            ["MedifyAI:Security:MessageWindow"] = "00:00:02",
        });
        var sessionId = await StartSessionAsync(host.Http);

        // The bucket starts full (3) and gets one token back every 2 s / 3. A slow machine may fit in more
        // messages before the first 429, so the accepted count is checked against the time the loop took.
        var started = DateTime.UtcNow;
        var accepted = 0;
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await host.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = $"message {i}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                accepted++;
            }
        }

        var refills = (int)((DateTime.UtcNow - started) / TimeSpan.FromSeconds(2.0 / 3));
        Assert.NotNull(limited);
        Assert.InRange(accepted, 3, 3 + refills + 1);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var recovered = await host.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "again" });
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);
        var sessionId = await StartSessionAsync(host.Http);
        var body = "{\"text\":\"" + new string('a', 70 * 1024) + "\"}";

        var response = await host.Http.PostRawJsonAsync($"/api/sessions/{sessionId}/messages", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);

        var response = await host.Http.PostJsonAsync("/api/sessions", new { age = 30, sex = "male" });

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Logs_NeverContainPatientText()
    {
        const string Marker = "quokkazebra";
        var logs = new CapturingLoggerProvider();
        using var data = new TempDirectory("medifyai-security");
        await using (var host = await SiloProcessHost.StartAsync(
            data.Path,
            configure: builder =>
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
            }))
        {
            using var patient = host.CreateClient("patient-log", Roles.Patient);
            var created = await patient.PostJsonAsync(
                "/api/sessions",
                new { age = 47, sex = "female", medications = new[] { $"{Marker}-medication" }, knownConditions = new[] { $"{Marker}-condition" } });
            var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;
            foreach (var text in new[] { $"I have chest pain and {Marker} in my arm", $"{Marker} started 2 days ago", new string('x', 5000) + Marker })
            {
                await patient.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text });
            }

            await patient.PostRawJsonAsync($"/api/sessions/{sessionId}/messages", "{\"text\":\"" + Marker + "\",");
            await patient.PostRawJsonAsync("/api/sessions", "{\"age\":\"" + Marker + "\"}");
            await patient.PostAsync($"/api/sessions/{sessionId}/end", null);
            await patient.GetAsync($"/api/sessions/{sessionId}/summary");
        }

        Assert.NotEmpty(logs.Records);
        var leaks = logs.Records.Where(record => record.Contains(Marker, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaks.Count == 0, $"Patient text reached the logs: {string.Join(Environment.NewLine, leaks.Take(3))}");
    }

    [Fact]
    public async Task Errors_NeverEchoPatientValues()
    {
        const string Marker = "wombatsecret";
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);

        var badSex = await host.Http.PostJsonAsync("/api/sessions", new { age = 30, sex = Marker });
        var badJson = await host.Http.PostRawJsonAsync("/api/sessions", "{\"age\": \"" + Marker + "\"}");

        Assert.DoesNotContain(Marker, await badSex.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Marker, await badJson.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasure_RemovesSessionsFromStorageAndLists()
    {
        const string Marker = "platypusmarker";
        using var data = new TempDirectory("medifyai-security");
        string firstSession;
        string secondSession;

        await using (var host = await SiloProcessHost.StartAsync(data.Path))
        {
            using var patient = host.CreateClient("patient-erase", Roles.Patient);
            using var other = host.CreateClient("patient-keep", Roles.Patient);
            firstSession = await StartSessionAsync(patient);
            secondSession = await StartSessionAsync(patient);
            var keptSession = await StartSessionAsync(other);
            await patient.PostJsonAsync($"/api/sessions/{firstSession}/messages", new { text = $"My {Marker} hurts" });
            await patient.PostJsonAsync($"/api/sessions/{secondSession}/messages", new { text = $"Still {Marker}" });

            var listed = await patient.GetFromJsonAsync<List<string>>("/api/sessions");
            Assert.Equal([firstSession, secondSession], listed);

            var erasure = await patient.DeleteAsync("/api/patients/me");
            Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
            Assert.Equal(2, (await erasure.ReadAsync<ErasureResult>()).ErasedSessions);

            Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/sessions/{firstSession}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync($"/api/sessions/{secondSession}")).StatusCode);
            Assert.Empty((await patient.GetFromJsonAsync<List<string>>("/api/sessions"))!);
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/api/sessions/{keptSession}")).StatusCode);
        }

        // After the host stops, the database files hold no trace of what the patient wrote.
        foreach (var file in Directory.EnumerateFiles(data.Path, "*.db*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(Marker, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        }

        await using var restarted = await SiloProcessHost.StartAsync(data.Path);
        using var samePatient = restarted.CreateClient("patient-erase", Roles.Patient);
        Assert.Equal(HttpStatusCode.NotFound, (await samePatient.GetAsync($"/api/sessions/{firstSession}")).StatusCode);
    }

    [Fact]
    public async Task EraseOneSession_KeepsTheOthers()
    {
        using var data = new TempDirectory("medifyai-security");
        await using var host = await SiloProcessHost.StartAsync(data.Path);
        var first = await StartSessionAsync(host.Http);
        var second = await StartSessionAsync(host.Http);

        var erase = await host.Http.DeleteAsync($"/api/sessions/{first}");

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/sessions/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync($"/api/sessions/{second}")).StatusCode);
        Assert.Equal([second], await host.Http.GetFromJsonAsync<List<string>>("/api/sessions"));
    }

    private static async Task<string> StartSessionAsync(HttpClient http)
    {
        var response = await http.PostJsonAsync("/api/sessions", new { age = 40, sex = "female" });
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<SessionStarted>()).SessionId;
    }
}
