using System.Net;

namespace MedifyAI.Retrieval.OpenSearch;

/// <summary>OpenSearch rejected a request, or failed it after every retry.</summary>
public sealed class OpenSearchException : Exception
{
    public OpenSearchException(string message, HttpStatusCode? statusCode, string? errorType, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    /// <summary>HTTP status of the last response, or null when the request timed out or the connection failed.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary><c>error.type</c> from the response body, for example <c>mapper_parsing_exception</c>.</summary>
    public string? ErrorType { get; }
}
