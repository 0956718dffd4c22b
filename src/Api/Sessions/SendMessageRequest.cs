using System.Text.Json.Serialization;

namespace MedifyAI.Api.Sessions;

/// <summary>Body of <c>POST /api/sessions/{id}/messages</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SendMessageRequest
{
    /// <summary>The patient's message.</summary>
    public string? Text { get; init; }

    /// <summary>Optional id chosen by the client; a retry with the same id returns the stored reply.</summary>
    public string? ClientMessageId { get; init; }
}
