using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// TGI's OpenAI-compatible chat route (<c>{"messages": [...]}</c>), which applies the model's own chat template.
/// </summary>
internal sealed class TgiMessagesContract : ITgiPayloadContract
{
    public TgiRequest BuildRequest(IReadOnlyList<ChatMessage> messages, TgiGenerationSettings settings, bool stream)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("max_tokens", settings.MaxTokens);
            writer.WriteNumber("temperature", settings.Temperature);
            writer.WriteNumber("top_p", settings.TopP);
            if (settings.StopSequences.Count > 0)
            {
                writer.WriteStartArray("stop");
                foreach (var stop in settings.StopSequences)
                {
                    writer.WriteStringValue(stop);
                }

                writer.WriteEndArray();
            }

            writer.WriteBoolean("stream", stream);
            writer.WriteEndObject();
        }

        return new TgiRequest(buffer.ToArray(), null);
    }

    public TgiCompletion ParseResponse(ReadOnlySpan<byte> body, TgiRequest request)
    {
        using var document = TgiJson.Parse(body);
        var root = document.RootElement;
        TgiJson.ThrowIfError(root);
        if (!TryGetFirstChoice(root, out var choice)
            || !choice.TryGetProperty("message", out var message)
            || TgiJson.GetString(message, "content") is not { } content)
        {
            throw SageMakerErrors.InvalidResponse("no choices[0].message.content in the chat completion");
        }

        return new TgiCompletion(content, TgiJson.GetString(choice, "finish_reason"), TgiJson.ReadOpenAiUsage(root));
    }

    public TgiStreamEvent ParseStreamData(string data)
    {
        if (data.Trim() == "[DONE]")
        {
            return new TgiStreamEvent(null, null, null, IsDone: true);
        }

        using var document = TgiJson.Parse(data);
        var root = document.RootElement;
        TgiJson.ThrowIfError(root);
        string? delta = null;
        string? finishReason = null;
        if (TryGetFirstChoice(root, out var choice))
        {
            finishReason = TgiJson.GetString(choice, "finish_reason");
            if (choice.TryGetProperty("delta", out var deltaElement))
            {
                delta = TgiJson.GetString(deltaElement, "content");
            }
        }
        else if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("usage", out _))
        {
            throw SageMakerErrors.InvalidResponse("a chat.completion.chunk event has neither choices nor usage");
        }

        return new TgiStreamEvent(delta, finishReason, TgiJson.ReadOpenAiUsage(root), IsDone: false);
    }

    private static bool TryGetFirstChoice(JsonElement root, out JsonElement choice)
    {
        choice = default;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("choices", out var choices)
            || choices.ValueKind != JsonValueKind.Array
            || choices.GetArrayLength() == 0)
        {
            return false;
        }

        choice = choices[0];
        return true;
    }
}
