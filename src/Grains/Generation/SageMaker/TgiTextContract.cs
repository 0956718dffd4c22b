using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// TGI's text-generation route (<c>{"inputs": prompt, "parameters": {...}}</c>) with a Llama 3 instruct prompt.
/// </summary>
internal sealed class TgiTextContract : ITgiPayloadContract
{
    public TgiRequest BuildRequest(IReadOnlyList<ChatMessage> messages, TgiGenerationSettings settings, bool stream)
    {
        var prompt = Llama3PromptFormatter.Format(messages);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("inputs", prompt);
            writer.WriteStartObject("parameters");
            writer.WriteNumber("max_new_tokens", settings.MaxTokens);

            // TGI rejects temperature 0 and top_p 1; greedy decoding and no nucleus cut are expressed by omission.
            var sample = settings.Temperature > 0;
            writer.WriteBoolean("do_sample", sample);
            if (sample)
            {
                writer.WriteNumber("temperature", settings.Temperature);
            }

            if (settings.TopP < 1)
            {
                writer.WriteNumber("top_p", settings.TopP);
            }

            writer.WriteBoolean("return_full_text", false);
            writer.WriteBoolean("details", true);
            writer.WriteStartArray("stop");
            foreach (var stop in settings.StopSequences.Append(Llama3PromptFormatter.EndOfTurn).Distinct())
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteBoolean("stream", stream);
            writer.WriteEndObject();
        }

        return new TgiRequest(buffer.ToArray(), prompt);
    }

    public TgiCompletion ParseResponse(ReadOnlySpan<byte> body, TgiRequest request)
    {
        using var document = TgiJson.Parse(body);
        var root = document.RootElement;
        TgiJson.ThrowIfError(root);
        var result = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;
        if (TgiJson.GetString(result, "generated_text") is not { } text)
        {
            throw SageMakerErrors.InvalidResponse("no generated_text in the text-generation response");
        }

        // Containers configured with return_full_text=true ignore the request's parameter and echo the prompt.
        if (request.Prompt is { Length: > 0 } prompt && text.StartsWith(prompt, StringComparison.Ordinal))
        {
            text = text[prompt.Length..];
        }

        text = StripEndOfTurn(text);
        string? finishReason = null;
        UsageDetails? usage = null;
        if (result.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            finishReason = TgiJson.GetString(details, "finish_reason");
            var generated = TgiJson.GetInt64(details, "generated_tokens");
            if (generated is not null)
            {
                usage = new UsageDetails { OutputTokenCount = generated };
            }
        }

        return new TgiCompletion(text, finishReason, usage);
    }

    public TgiStreamEvent ParseStreamData(string data)
    {
        using var document = TgiJson.Parse(data);
        var root = document.RootElement;
        TgiJson.ThrowIfError(root);
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("token", out var token)
            || token.ValueKind != JsonValueKind.Object)
        {
            throw SageMakerErrors.InvalidResponse("a text-generation stream event has no token");
        }

        var isSpecial = token.TryGetProperty("special", out var special) && special.ValueKind == JsonValueKind.True;
        var delta = isSpecial ? null : TgiJson.GetString(token, "text");
        string? finishReason = null;
        UsageDetails? usage = null;
        if (root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object)
        {
            finishReason = TgiJson.GetString(details, "finish_reason");
            var generated = TgiJson.GetInt64(details, "generated_tokens");
            usage = generated is null ? null : new UsageDetails { OutputTokenCount = generated };
        }

        return new TgiStreamEvent(delta, finishReason, usage, IsDone: finishReason is not null);
    }

    private static string StripEndOfTurn(string text) =>
        text.EndsWith(Llama3PromptFormatter.EndOfTurn, StringComparison.Ordinal)
            ? text[..^Llama3PromptFormatter.EndOfTurn.Length]
            : text;
}
