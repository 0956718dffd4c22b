using System.Net;
using System.Text;
using System.Text.Json;

namespace MedifyAI.Aws;

/// <summary>
/// Parses AWS JSON-protocol error responses (REST-JSON and JSON 1.0/1.1), which name the error in the
/// <c>x-amzn-ErrorType</c> header or in the body's <c>__type</c> or <c>code</c> field.
/// </summary>
public static class AwsErrorParser
{
    /// <summary>Maximum error body read, in bytes; AWS error bodies are a few hundred bytes.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>Reads and parses the error of a non-success response; does not dispose it.</summary>
    public static async Task<AwsErrorInfo> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var headerType = response.Headers.TryGetValues("x-amzn-ErrorType", out var types)
            ? types.FirstOrDefault()
            : null;
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        return Parse(response.StatusCode, headerType, requestId, body);
    }

    /// <summary>Parses an error from its status, <c>x-amzn-ErrorType</c> header, request id and body bytes.</summary>
    public static AwsErrorInfo Parse(
        HttpStatusCode statusCode,
        string? errorTypeHeader,
        string? requestId,
        ReadOnlySpan<byte> body)
    {
        JsonElement? json = null;
        try
        {
            if (!body.IsEmpty)
            {
                using var document = JsonDocument.Parse(body.ToArray());
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    json = document.RootElement.Clone();
                }
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer in front of the service may return HTML or plain text; the message keeps it.
        }

        var info = new AwsErrorInfo(statusCode, null, string.Empty, requestId, json);
        var errorType = NormalizeErrorType(errorTypeHeader)
            ?? NormalizeErrorType(info.GetString("__type"))
            ?? NormalizeErrorType(info.GetString("code"));
        var message = info.GetString("message")
            ?? (json is null ? Encoding.UTF8.GetString(body).Trim() : string.Empty);

        return info with { ErrorType = errorType, Message = message };
    }

    /// <summary>
    /// Strips what AWS puts around an error name: a header suffix after <c>:</c> (an error URL) and a namespace
    /// prefix before <c>#</c>, for example <c>com.amazonaws.sagemaker#ModelError</c> becomes <c>ModelError</c>.
    /// </summary>
    public static string? NormalizeErrorType(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var type = value.Trim();
        var colon = type.IndexOf(':');
        if (colon >= 0)
        {
            type = type[..colon];
        }

        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        return type.Length == 0 ? null : type;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return buffer[..total];
        }
    }
}
