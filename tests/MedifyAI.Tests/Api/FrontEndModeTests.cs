using System.Net;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Api;

/// <summary>The API as a separate front-end process talking to a silo through its gateway, as on Kubernetes.</summary>
public sealed class FrontEndModeTests
{
    [Fact]
    public async Task FrontEnd_ChatsThroughGateway()
    {
        using var data = new TempDirectory("medifyai-frontend");
        await using var silo = await SiloProcessHost.StartAsync(
            data.Path,
            new Dictionary<string, string?> { ["MedifyAI:HostApi"] = "false" });
        await using var api = await ApiFrontEndHost.StartAsync(silo.GatewayPort);

        var created = await api.Http.PostJsonAsync("/api/sessions", new { age = 52, sex = "female" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;

        var reply = await api.Http.PostJsonAsync($"/api/sessions/{sessionId}/messages", new { text = "I keep coughing" });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(1, (await reply.ReadAsync<TurnReply>()).TurnNumber);

        var ready = await api.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task SiloWithoutApi_ServesNoApiRoutes()
    {
        using var data = new TempDirectory("medifyai-frontend");
        await using var silo = await SiloProcessHost.StartAsync(
            data.Path,
            new Dictionary<string, string?> { ["MedifyAI:HostApi"] = "false" });
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.ManagementPort}") };

        var dashboard = await management.GetAsync("/dashboard/");
        var api = await management.PostJsonAsync("/api/sessions", new { age = 30, sex = "male" });

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => silo.Http.GetAsync("/health/live"));
    }
}
