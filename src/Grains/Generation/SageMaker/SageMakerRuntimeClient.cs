using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using MedifyAI.Aws;
using MedifyAI.Aws.EventStream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.Timeout;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// SageMaker Runtime client over an <see cref="HttpClient"/> whose pipeline signs requests
/// (<see cref="AwsSigningHandler"/>) and whose base address is the runtime endpoint of the region.
/// </summary>
public sealed class SageMakerRuntimeClient
{
    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;

    public SageMakerRuntimeClient(HttpClient httpClient, ILogger<SageMakerRuntimeClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress, the SageMaker Runtime URL.", nameof(httpClient));
        }

        _httpClient = httpClient;
        _logger = logger ?? NullLogger<SageMakerRuntimeClient>.Instance;
    }

    /// <summary>Calls <c>InvokeEndpoint</c>: <c>POST /endpoints/{name}/invocations</c>.</summary>
    /// <exception cref="SageMakerException">The service or the model returned an error, or every attempt timed out.</exception>
    public async Task<SageMakerInvokeResponse> InvokeEndpointAsync(
        SageMakerInvokeRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateRequest(request, "invocations", streaming: false);
        var started = Stopwatch.GetTimestamp();
        using var response = await SendAsync(message, "InvokeEndpoint", request.EndpointName, started, cancellationToken)
            .ConfigureAwait(false);

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        SageMakerLog.InvocationCompleted(
            _logger,
            "InvokeEndpoint",
            request.EndpointName,
            (int)response.StatusCode,
            body.Length,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        return new SageMakerInvokeResponse(
            body,
            response.Content.Headers.ContentType?.ToString(),
            FirstHeader(response, "X-Amzn-Invoked-Production-Variant"),
            FirstHeader(response, "X-Amzn-SageMaker-Custom-Attributes"),
            FirstHeader(response, "x-amzn-RequestId"));
    }

    /// <summary>
    /// Calls <c>InvokeEndpointWithResponseStream</c>: <c>POST /endpoints/{name}/invocations-response-stream</c>, and
    /// returns the bytes of each <c>PayloadPart</c> event as it arrives.
    /// </summary>
    /// <remarks>
    /// Retries apply only until the response headers arrive, so a request is never replayed after bytes were
    /// returned to the caller. The <c>PayloadPart</c> event payload is the raw blob (the <c>Bytes</c> member is
    /// the event payload in the service model; AWS SDK for .NET <c>PayloadPartUnmarshaller</c> reads the message
    /// payload as <c>Bytes</c>).
    /// </remarks>
    /// <exception cref="SageMakerException">An error before or inside the stream.</exception>
    /// <exception cref="EventStreamException">The stream was truncated or a frame failed its CRC check.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> InvokeEndpointWithResponseStreamAsync(
        SageMakerInvokeRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = CreateRequest(request, "invocations-response-stream", streaming: true);
        var started = Stopwatch.GetTimestamp();
        using var response = await SendAsync(
                message,
                "InvokeEndpointWithResponseStream",
                request.EndpointName,
                started,
                cancellationToken)
            .ConfigureAwait(false);
        var requestId = FirstHeader(response, "x-amzn-RequestId");

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var streamScope = stream.ConfigureAwait(false);
        var reader = new EventStreamReader(stream);
        var parts = 0;
        long bytes = 0;
        while (true)
        {
            EventStreamMessage? frame;
            try
            {
                frame = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (EventStreamException exception)
            {
                SageMakerLog.StreamFailed(_logger, request.EndpointName, parts, exception.Kind.ToString());
                throw;
            }
            catch (IOException exception)
            {
                SageMakerLog.StreamFailed(_logger, request.EndpointName, parts, nameof(EventStreamErrorKind.Truncated));
                throw new EventStreamException(
                    EventStreamErrorKind.Truncated,
                    $"The SageMaker response stream was cut after {parts} parts: {exception.Message}",
                    exception);
            }

            if (frame is null)
            {
                break;
            }

            if (frame.MessageType is "exception" or "error")
            {
                var error = SageMakerErrors.FromStreamMessage(frame, requestId);
                SageMakerLog.StreamFailed(_logger, request.EndpointName, parts, error.Kind.ToString());
                throw error;
            }

            // Events other than PayloadPart (none exist in the 2017-05-13 API) are skipped for forward compatibility.
            if (frame.GetString(":event-type") != "PayloadPart")
            {
                continue;
            }

            parts++;
            bytes += frame.Payload.Length;
            yield return frame.Payload;
        }

        SageMakerLog.StreamCompleted(
            _logger,
            request.EndpointName,
            parts,
            bytes,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static HttpRequestMessage CreateRequest(SageMakerInvokeRequest request, string operationPath, bool streaming)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.EndpointName);
        var uri = new Uri($"endpoints/{Uri.EscapeDataString(request.EndpointName)}/{operationPath}", UriKind.Relative);
        var message = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ReadOnlyMemoryContent(request.Body),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        if (streaming)
        {
            message.Headers.TryAddWithoutValidation("X-Amzn-SageMaker-Accept", request.Accept);
        }
        else
        {
            message.Headers.TryAddWithoutValidation("Accept", request.Accept);
            AddIfSet(message, "X-Amzn-SageMaker-Target-Model", request.TargetModel);
        }

        AddIfSet(message, "X-Amzn-SageMaker-Custom-Attributes", request.CustomAttributes);
        AddIfSet(message, "X-Amzn-SageMaker-Target-Variant", request.TargetVariant);
        AddIfSet(message, "X-Amzn-SageMaker-Inference-Component", request.InferenceComponent);
        return message;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage message,
        string operation,
        string endpointName,
        long started,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _httpClient
                .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTimeout(exception, cancellationToken))
        {
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            SageMakerLog.InvocationTimedOut(_logger, operation, endpointName, elapsed);
            throw new SageMakerException(
                SageMakerErrorKind.Timeout,
                $"SageMaker {operation} on endpoint '{endpointName}' timed out after {elapsed} ms.",
                innerException: exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await AwsErrorParser.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            SageMakerLog.InvocationFailed(
                _logger,
                operation,
                endpointName,
                (int)error.StatusCode,
                error.ErrorType,
                error.RequestId);
            throw SageMakerErrors.FromResponse(error);
        }
    }

    private static bool IsTimeout(Exception exception, CancellationToken cancellationToken) =>
        exception is TimeoutRejectedException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static void AddIfSet(HttpRequestMessage message, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
