using System.Net.Http.Json;
using System.Text.Json;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Generation;

/// <summary>Reads <c>text/event-stream</c> responses of the streaming message route.</summary>
internal static class ServerSentEvents
{
    public sealed record Event(string Name, string Data)
    {
        public string Text => JsonDocument.Parse(Data).RootElement.GetProperty("text").GetString()!;

        public TurnReply Reply => JsonSerializer.Deserialize<TurnReply>(Data, ApiJson.Options)!;
    }

    public static async Task<HttpResponseMessage> PostStreamAsync(HttpClient http, string sessionId, string text, string? clientMessageId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/messages/stream")
        {
            Content = JsonContent.Create(new { text, clientMessageId }, options: ApiJson.Options),
        };
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Reads events until the stream ends or <paramref name="stopAfter"/> events were read.</summary>
    public static async Task<List<Event>> ReadAsync(HttpResponseMessage response, int stopAfter = int.MaxValue)
    {
        var events = new List<Event>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        string? data = null;
        while (events.Count < stopAfter && await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && name is not null && data is not null)
            {
                events.Add(new Event(name, data));
                (name, data) = (null, null);
            }
        }

        return events;
    }

    /// <summary>The text a client shows: tokens appended, a replace event starting over.</summary>
    public static string ShownText(IEnumerable<Event> events)
    {
        var shown = string.Empty;
        foreach (var streamEvent in events)
        {
            shown = streamEvent.Name switch
            {
                "token" => shown + streamEvent.Text,
                "replace" => streamEvent.Text,
                _ => shown,
            };
        }

        return shown;
    }
}
