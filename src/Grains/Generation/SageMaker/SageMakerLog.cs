using Microsoft.Extensions.Logging;

namespace MedifyAI.Generation.SageMaker;

/// <summary>Log events of the SageMaker client; never logs request or response bodies.</summary>
internal static partial class SageMakerLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug,
        Message = "SageMaker {Operation} on {EndpointName} returned {StatusCode} with {ResponseBytes} bytes in {ElapsedMs} ms")]
    public static partial void InvocationCompleted(
        ILogger logger, string operation, string endpointName, int statusCode, long responseBytes, long elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "SageMaker {Operation} on {EndpointName} failed with {StatusCode} {ErrorType} (request id {RequestId})")]
    public static partial void InvocationFailed(
        ILogger logger, string operation, string endpointName, int statusCode, string? errorType, string? requestId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "SageMaker {Operation} on {EndpointName} timed out after {ElapsedMs} ms")]
    public static partial void InvocationTimedOut(ILogger logger, string operation, string endpointName, long elapsedMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug,
        Message = "SageMaker stream on {EndpointName} ended after {PartCount} parts, {ByteCount} bytes, {ElapsedMs} ms")]
    public static partial void StreamCompleted(
        ILogger logger, string endpointName, int partCount, long byteCount, long elapsedMs);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "SageMaker stream on {EndpointName} failed after {PartCount} parts: {ErrorKind}")]
    public static partial void StreamFailed(ILogger logger, string endpointName, int partCount, string errorKind);
}
