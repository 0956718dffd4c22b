using System.Text;
using System.Text.Json;
using MedifyAI.Sessions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Sessions;

/// <summary>
/// <c>POST /api/sessions/{id}/messages/stream</c>: the reply as server-sent events. Events are <c>token</c>
/// (<c>{"text": delta}</c>, to append), <c>replace</c> (<c>{"text": whole}</c>, to show in place of the text so far),
/// then one <c>final</c> event with the stored turn, the same JSON as <c>POST /messages</c> returns. A failure after
/// the stream began is sent as an <c>error</c> event with a ProblemDetails body.
/// </summary>
/// <remarks>
/// The turn is stored once, when the reply is complete, and also when the client disconnects mid-stream: the grain
/// finishes the turn without a listener. A retry with the same <c>clientMessageId</c> returns the stored reply as one
/// <c>token</c> event and the <c>final</c> event.
/// </remarks>
public static partial class MessageStreamEndpoint
{
    public const string ContentType = "text/event-stream";

    public static async Task<IResult> StreamMessageAsync(
        string id,
        SendMessageRequest request,
        IClusterClient client,
        IOptions<SessionLimitsOptions> limits,
        IOptions<JsonOptions> json,
        HttpContext context)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return Errors.ApiProblems.SessionNotFound(id);
        }

        var errors = SessionRequestValidator.Validate(request, limits.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The message is invalid.");
        }

        var aborted = context.RequestAborted;
        var message = new PatientMessage { Text = request.Text!, ClientMessageId = request.ClientMessageId };
        var events = client.GetGrain<IPatientSessionGrain>(id).StreamMessageAsync(message, aborted);
        await using var enumerator = events.GetAsyncEnumerator(aborted);

        // The first event is awaited before the headers go out, so a rejected message (not found, ended, over a limit)
        // still becomes an ordinary ProblemDetails response.
        bool hasEvent;
        try
        {
            hasEvent = await enumerator.MoveNextAsync();
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return Results.Empty;
        }

        var response = context.Response;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var options = json.Value.SerializerOptions;
        try
        {
            while (hasEvent)
            {
                await WriteEventAsync(response, enumerator.Current, options, aborted);
                hasEvent = await enumerator.MoveNextAsync();
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away; the grain still stores the turn.
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && exception is not OperationCanceledException)
        {
            var problem = new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                title = "The reply failed.",
                status = StatusCodes.Status500InternalServerError,
                detail = "The reply could not be completed and the turn was not stored. Retry with the same clientMessageId.",
                traceId = context.TraceIdentifier,
            };
            await WriteAsync(response, "error", JsonSerializer.Serialize(problem, options), aborted);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MessageStreamEndpoint));
            LogStreamFailed(logger, exception, exception.GetType().Name, context.TraceIdentifier);
        }

        return Results.Empty;
    }

    private static Task WriteEventAsync(HttpResponse response, TurnStreamEvent streamEvent, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        return streamEvent.Kind switch
        {
            TurnStreamEventKind.Token => WriteAsync(response, "token", JsonSerializer.Serialize(new { text = streamEvent.Text }, options), cancellationToken),
            TurnStreamEventKind.Replace => WriteAsync(response, "replace", JsonSerializer.Serialize(new { text = streamEvent.Text }, options), cancellationToken),
            _ => WriteAsync(response, "final", JsonSerializer.Serialize(streamEvent.Reply, options), cancellationToken),
        };
    }

    private static async Task WriteAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        // JSON from System.Text.Json has no raw newlines, so each event's data fits on one line.
        var frame = Encoding.UTF8.GetBytes($"event: {name}\ndata: {data}\n\n");
        await response.Body.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    [LoggerMessage(3100, LogLevel.Error, "Streamed reply failed with {ExceptionType} (trace {TraceId}); an error event was sent")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string exceptionType, string traceId);
}
