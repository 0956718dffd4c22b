using System.Net;
using System.Text.Json;

namespace MedifyAI.Aws;

/// <summary>
/// The error of a failed AWS JSON-protocol call: the error type, message and request id, plus the parsed body
/// for service-specific fields.
/// </summary>
/// <param name="StatusCode">HTTP status of the response.</param>
/// <param name="ErrorType">
/// Error type without namespace or suffix, for example <c>ThrottlingException</c>; <c>null</c> when neither the
/// <c>x-amzn-ErrorType</c> header nor the body's <c>__type</c>/<c>code</c> names one.
/// </param>
/// <param name="Message">The <c>message</c> or <c>Message</c> field, or the raw body when it is not JSON.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> header, when present.</param>
/// <param name="Body">The error body when it is a JSON object; <c>null</c> otherwise.</param>
public sealed record AwsErrorInfo(
    HttpStatusCode StatusCode,
    string? ErrorType,
    string Message,
    string? RequestId,
    JsonElement? Body)
{
    /// <summary>Reads a string field of the JSON body, matching the name case-insensitively.</summary>
    public string? GetString(string name)
    {
        if (Body is not { ValueKind: JsonValueKind.Object } body)
        {
            return null;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => null,
                };
            }
        }

        return null;
    }
}
