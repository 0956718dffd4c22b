using System.Globalization;
using System.Net;
using MedifyAI.Aws;
using MedifyAI.Aws.EventStream;

namespace MedifyAI.Generation.SageMaker;

/// <summary>Maps SageMaker Runtime error responses and stream exception events to <see cref="SageMakerException"/>.</summary>
public static class SageMakerErrors
{
    /// <summary>Maps the error of a non-success HTTP response.</summary>
    public static SageMakerException FromResponse(AwsErrorInfo error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var kind = Classify(error.StatusCode, error.ErrorType);
        var message = string.IsNullOrEmpty(error.Message) ? error.StatusCode.ToString() : error.Message;
        var exceptionMessage =
            $"SageMaker Runtime returned {(int)error.StatusCode} {error.ErrorType ?? "(no error type)"}: {message}";
        var originalStatus = error.GetString("OriginalStatusCode");
        return new SageMakerException(kind, exceptionMessage, error.StatusCode, error.ErrorType, error.RequestId)
        {
            OriginalStatusCode = int.TryParse(originalStatus, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
                ? code
                : null,
            OriginalMessage = error.GetString("OriginalMessage"),
            LogStreamArn = error.GetString("LogStreamArn"),
        };
    }

    /// <summary>
    /// Maps an event-stream message whose <c>:message-type</c> is <c>exception</c> (a modeled error such as
    /// <c>ModelStreamError</c>, JSON payload) or <c>error</c> (<c>:error-code</c> and <c>:error-message</c> headers).
    /// </summary>
    public static SageMakerException FromStreamMessage(EventStreamMessage message, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.MessageType == "error")
        {
            var code = message.GetString(":error-code");
            return new SageMakerException(
                Classify(0, code),
                $"SageMaker Runtime stream error {code}: {message.GetString(":error-message")}",
                errorType: code,
                requestId: requestId);
        }

        var type = message.GetString(":exception-type");
        var error = AwsErrorParser.Parse(0, type, requestId, message.Payload.Span);
        var kind = type switch
        {
            "ModelStreamError" => SageMakerErrorKind.ModelStreamError,
            "InternalStreamFailure" => SageMakerErrorKind.InternalStreamFailure,
            _ => Classify(0, type),
        };
        return new SageMakerException(
            kind,
            $"SageMaker Runtime stream exception {type}: {error.Message}",
            errorType: type,
            requestId: requestId)
        {
            StreamErrorCode = error.GetString("ErrorCode"),
        };
    }

    /// <summary>Wraps a response body the payload contract could not parse.</summary>
    public static SageMakerException InvalidResponse(string detail, Exception? innerException = null) =>
        new(SageMakerErrorKind.InvalidResponse, $"SageMaker endpoint returned an unexpected body: {detail}", innerException: innerException);

    private static SageMakerErrorKind Classify(HttpStatusCode status, string? errorType) => errorType switch
    {
        "ValidationError" or "ValidationException" => SageMakerErrorKind.Validation,
        "ModelError" => SageMakerErrorKind.ModelError,
        "ThrottlingException" or "Throttling" or "ThrottledException" => SageMakerErrorKind.Throttling,
        "ModelNotReadyException" => SageMakerErrorKind.ModelNotReady,
        "ServiceUnavailable" or "ServiceUnavailableException" => SageMakerErrorKind.ServiceUnavailable,
        "InternalFailure" or "InternalFailureException" => SageMakerErrorKind.InternalFailure,
        "InternalDependencyException" => SageMakerErrorKind.InternalDependency,
        "ModelStreamError" => SageMakerErrorKind.ModelStreamError,
        "InternalStreamFailure" => SageMakerErrorKind.InternalStreamFailure,
        "AccessDeniedException" or "InvalidSignatureException" or "UnrecognizedClientException"
            or "IncompleteSignature" or "MissingAuthenticationToken" => SageMakerErrorKind.AccessDenied,
        _ => (int)status switch
        {
            400 => SageMakerErrorKind.Validation,
            403 => SageMakerErrorKind.AccessDenied,
            424 => SageMakerErrorKind.ModelError,
            429 => SageMakerErrorKind.Throttling,
            500 => SageMakerErrorKind.InternalFailure,
            503 => SageMakerErrorKind.ServiceUnavailable,
            _ => SageMakerErrorKind.Unknown,
        },
    };
}
