using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MedifyAI.Api.Hosting;
using MedifyAI.Security;
using MedifyAI.Sessions;
using MedifyAI.Testing;

namespace MedifyAI.Benchmarks.Cluster;

/// <summary>
/// Calls of one patient against the API front-end: every request carries that patient's own access token, so
/// sessions and rate limits are per patient as in production, while the connection pool is shared.
/// </summary>
internal sealed class PatientApi(HttpClient http, string subject)
{
    /// <summary>The API's own JSON settings, so enums and records read back as the API writes them.</summary>
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly AuthenticationHeaderValue _authorization =
        new("Bearer", TestTokens.Create(subject, [Roles.Patient], lifetime: TimeSpan.FromHours(4)));

    /// <summary>Creates a session and returns its id, or null when the API did not return 201.</summary>
    public async Task<string?> CreateSessionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/sessions", new { age = 38, sex = "female" }, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var started = await response.Content.ReadFromJsonAsync<SessionStarted>(Json, cancellationToken).ConfigureAwait(false);
        return started?.SessionId;
    }

    /// <summary>Sends one patient message; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> SendMessageAsync(
        string sessionId,
        string text,
        string clientMessageId,
        CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"/api/sessions/{sessionId}/messages", new { text, clientMessageId }, cancellationToken);

    /// <summary>Reads a session, or returns null when the API did not return 200.</summary>
    public async Task<SessionSnapshot?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/sessions/{sessionId}", null, cancellationToken)
            .ConfigureAwait(false);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<SessionSnapshot>(Json, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        object? body,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHostingExtensions.ConfigureApiJson(options);
        return options;
    }
}
