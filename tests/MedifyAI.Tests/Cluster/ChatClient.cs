using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Cluster;

/// <summary>Chat calls against the API front-end, with the retry a real client makes while a silo fails over.</summary>
public static class ChatClient
{
    public static async Task<string> CreateSessionAsync(HttpClient api)
    {
        using var response = await api.PostJsonAsync("/api/sessions", new { age = 45, sex = "female" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<SessionStarted>()).SessionId;
    }

    public static async Task<TurnReply> SendAsync(HttpClient api, string sessionId, string text, string clientMessageId)
    {
        using var response = await api.PostJsonAsync(
            $"/api/sessions/{sessionId}/messages",
            new { text, clientMessageId });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Message to {sessionId} returned {(int)response.StatusCode}.");
        return await response.ReadAsync<TurnReply>();
    }

    /// <summary>
    /// Sends one message, retrying with the same client message id until it succeeds, so a retry after a lost
    /// response adds no second turn. Returns the reply and the time until the first success.
    /// </summary>
    public static async Task<(TurnReply Reply, TimeSpan Elapsed)> SendWithRetryAsync(
        HttpClient api,
        string sessionId,
        string text,
        string clientMessageId,
        TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        var failures = new List<string>();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            try
            {
                using var response = await api.PostJsonAsync(
                    $"/api/sessions/{sessionId}/messages",
                    new { text, clientMessageId });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return (await response.ReadAsync<TurnReply>(), Stopwatch.GetElapsedTime(started));
                }

                failures.Add($"{(int)response.StatusCode}");
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Conflict)
                {
                    // The session is gone or the request is wrong: retrying cannot help.
                    break;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                failures.Add(exception.GetType().Name);
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException(
            $"Session {sessionId} did not accept message {clientMessageId} within {timeout}; responses: {string.Join(", ", failures)}.");
    }

    public static async Task<SessionSnapshot> GetSessionAsync(HttpClient api, string sessionId)
    {
        var snapshot = await api.GetFromJsonAsync<SessionSnapshot>($"/api/sessions/{sessionId}", ApiJson.Options);
        return snapshot ?? throw new Xunit.Sdk.XunitException($"Session {sessionId} returned an empty body.");
    }
}
