using System.ClientModel;
using System.Text.Json;
using MedifyAI.Aws.EventStream;
using MedifyAI.Generation.SageMaker;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MedifyAI.Generation;

/// <summary>Machine-readable values of <c>TurnReply.FallbackReason</c>.</summary>
public static class FallbackReasons
{
    public const string Throttled = "throttled";
    public const string Unavailable = "endpoint-unavailable";
    public const string Unreachable = "endpoint-unreachable";
    public const string ModelError = "model-error";
    public const string Timeout = "timeout";
    public const string InvalidResponse = "invalid-response";
    public const string StreamError = "stream-error";
    public const string CircuitOpen = "circuit-open";
    public const string EndpointError = "endpoint-error";
    public const string ResponderError = "responder-error";

    /// <summary>Prefix of the reasons for a reply the safety checks rejected, for example <c>replaced-reassurance</c>.</summary>
    public const string ReplacedPrefix = "replaced-";

    /// <summary>Classifies a failure of the chat client.</summary>
    public static string Classify(Exception exception) => exception switch
    {
        SageMakerException { Kind: SageMakerErrorKind.Throttling or SageMakerErrorKind.ModelNotReady } => Throttled,
        SageMakerException { Kind: SageMakerErrorKind.ServiceUnavailable or SageMakerErrorKind.InternalFailure
            or SageMakerErrorKind.InternalDependency } => Unavailable,
        SageMakerException { Kind: SageMakerErrorKind.ModelError or SageMakerErrorKind.ModelStreamError } => ModelError,
        SageMakerException { Kind: SageMakerErrorKind.InternalStreamFailure } => StreamError,
        SageMakerException { Kind: SageMakerErrorKind.Timeout } => Timeout,
        SageMakerException { Kind: SageMakerErrorKind.InvalidResponse } => InvalidResponse,
        SageMakerException => EndpointError,
        ClientResultException { Status: 429 } => Throttled,
        ClientResultException { Status: >= 500 } => Unavailable,
        ClientResultException => EndpointError,
        EventStreamException => StreamError,
        BrokenCircuitException => CircuitOpen,
        TimeoutRejectedException or OperationCanceledException or TimeoutException => Timeout,
        HttpRequestException => Unreachable,
        JsonException => InvalidResponse,
        _ => ResponderError,
    };
}
