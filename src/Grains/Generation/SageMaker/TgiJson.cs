using System.Text.Json;
using Microsoft.Extensions.AI;

namespace MedifyAI.Generation.SageMaker;

/// <summary>JSON helpers shared by the TGI contracts.</summary>
internal static class TgiJson
{
    public static JsonDocument Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException exception)
        {
            throw SageMakerErrors.InvalidResponse($"the body is not valid JSON ({body.Length} bytes)", exception);
        }
    }

    public static JsonDocument Parse(string data)
    {
        try
        {
            return JsonDocument.Parse(data);
        }
        catch (JsonException exception)
        {
            throw SageMakerErrors.InvalidResponse($"a stream event is not valid JSON ({data.Length} characters)", exception);
        }
    }

    /// <summary>Throws when the body is TGI's error shape, <c>{"error": "...", "error_type": "..."}</c>.</summary>
    public static void ThrowIfError(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("error", out var error)
            && error.ValueKind is JsonValueKind.String or JsonValueKind.Object)
        {
            var type = root.TryGetProperty("error_type", out var errorType) ? errorType.ToString() : "unknown";
            throw new SageMakerException(
                SageMakerErrorKind.ModelError,
                $"The model container returned an error of type '{type}': {error}");
        }
    }

    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static long? GetInt64(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt64(out var number)
            ? number
            : null;

    /// <summary>Reads an OpenAI-style <c>usage</c> object, or returns <c>null</c> when it is absent.</summary>
    public static UsageDetails? ReadOpenAiUsage(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("usage", out var usage)
            || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = GetInt64(usage, "prompt_tokens"),
            OutputTokenCount = GetInt64(usage, "completion_tokens"),
            TotalTokenCount = GetInt64(usage, "total_tokens"),
        };
    }
}
