using System.Net;
using MedifyAI.Aws;

namespace MedifyAI.Generation.SageMaker;

/// <summary>A failed SageMaker Runtime call, classified by <see cref="Kind"/>.</summary>
public sealed class SageMakerException : AwsServiceException
{
    public SageMakerException(
        SageMakerErrorKind kind,
        string message,
        HttpStatusCode statusCode = 0,
        string? errorType = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(message, statusCode, errorType, requestId, innerException)
    {
        Kind = kind;
    }

    public SageMakerErrorKind Kind { get; }

    /// <summary>For <see cref="SageMakerErrorKind.ModelError"/>: the status code the model container returned.</summary>
    public int? OriginalStatusCode { get; init; }

    /// <summary>For <see cref="SageMakerErrorKind.ModelError"/>: the message the model container returned.</summary>
    public string? OriginalMessage { get; init; }

    /// <summary>For <see cref="SageMakerErrorKind.ModelError"/>: the CloudWatch log stream of the container.</summary>
    public string? LogStreamArn { get; init; }

    /// <summary>For <see cref="SageMakerErrorKind.ModelStreamError"/>: the error code the model stream reported.</summary>
    public string? StreamErrorCode { get; init; }

    /// <summary>Whether the resilience pipeline retries this kind of failure.</summary>
    public bool IsTransient => Kind is SageMakerErrorKind.Throttling or SageMakerErrorKind.ModelNotReady
        or SageMakerErrorKind.ServiceUnavailable or SageMakerErrorKind.InternalFailure
        or SageMakerErrorKind.InternalDependency or SageMakerErrorKind.Timeout;
}
