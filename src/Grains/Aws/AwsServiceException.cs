using System.Net;

namespace MedifyAI.Aws;

/// <summary>An error returned by an AWS service, with its HTTP status, error type and request id.</summary>
public class AwsServiceException : Exception
{
    public AwsServiceException(string message, HttpStatusCode statusCode, string? errorType, string? requestId)
        : this(message, statusCode, errorType, requestId, null)
    {
    }

    public AwsServiceException(
        string message,
        HttpStatusCode statusCode,
        string? errorType,
        string? requestId,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        RequestId = requestId;
    }

    /// <summary>HTTP status of the response; 0 when the error arrived inside a response stream.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Error type as the service names it, for example <c>ThrottlingException</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>x-amzn-RequestId</c> of the call, for AWS support cases.</summary>
    public string? RequestId { get; }
}
