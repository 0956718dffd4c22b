using System.Text.Json;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;
using MedifyAI.Sessions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MedifyAI.Api.Errors;

/// <summary>
/// Turns exceptions into ProblemDetails responses. Client mistakes become 4xx with the field and the fix;
/// a cluster that cannot be reached becomes 503. No response carries an exception message from inside
/// the service except the domain exceptions, whose messages are written for clients.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Describe(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogServerError(logger, exception, exception.GetType().Name, context.TraceIdentifier);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        context.Response.StatusCode = problem.Status!.Value;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException badRequest => BadRequest(badRequest),
        SessionNotFoundException notFound => Problem(
            StatusCodes.Status404NotFound,
            "Session not found.",
            $"No session has the id '{ApiProblems.Shorten(notFound.SessionId)}'. Create one with POST /api/sessions."),
        SessionEndedException ended => Problem(StatusCodes.Status409Conflict, "Session has ended.", ended.Message),
        SessionConflictException conflict => Problem(StatusCodes.Status409Conflict, "Session conflict.", conflict.Message),
        SessionLimitExceededException { Field: "turns" } limit => Problem(
            StatusCodes.Status409Conflict, "Session is full.", limit.Message),
        SessionLimitExceededException { Field: "sessions" } limit => Problem(
            StatusCodes.Status409Conflict, "Too many sessions.", limit.Message),
        UnauthorizedAccessException => Problem(
            StatusCodes.Status403Forbidden, "Forbidden.", "Your token does not allow this action."),
        SessionLimitExceededException limit => Validation(limit.Field, limit.Message),
        IngestionInProgressException inProgress => Problem(
            StatusCodes.Status409Conflict, "An ingestion run is in progress.", inProgress.Message),
        IngestionSourceException source => Validation(source.Field, source.Message),
        DatasetNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found.", notFound.Message),
        KnowledgeUnavailableException unavailable => Problem(
            StatusCodes.Status503ServiceUnavailable, "Knowledge search unavailable.", unavailable.Message),
        // A grain whose dependencies could not open their files fails to activate with the IOException inside.
        IOException or InvalidOperationException { InnerException: IOException } => Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Storage temporarily unavailable.",
            "A data file on the server could not be opened. Retry later; the server log has the error."),
        TimeoutException or OrleansException => Problem(
            StatusCodes.Status503ServiceUnavailable,
            "Service temporarily unavailable.",
            "The chat service did not answer in time. Retry the request; a retry with the same clientMessageId is safe."),
        _ => Problem(
            StatusCodes.Status500InternalServerError,
            "Unexpected error.",
            "The request failed on the server. Quote the traceId when you report it."),
    };

    private static ProblemDetails InvalidJson(JsonException json)
    {
        var field = ToFieldName(json.Path);
        var detail = field is null
            ? "The request body is not valid JSON. Send a JSON object as described in /openapi/v1.json."
            : $"The field '{field}' is invalid or unknown. Check its name and type against /openapi/v1.json.";
        return Validation(field ?? "body", detail);
    }

    private static ProblemDetails BadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode;
        var detail = status switch
        {
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
            _ => "The request body is missing or malformed. Send a JSON object as described in /openapi/v1.json.",
        };

        return status == StatusCodes.Status400BadRequest
            ? Validation("body", detail)
            : Problem(status, "Invalid request.", detail);
    }

    private static ProblemDetails Validation(string field, string message) =>
        new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = message,
        };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>Turns a JSON path such as <c>$.medications[2]</c> into the field name <c>medications[2]</c>.</summary>
    private static string? ToFieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? null : ApiProblems.Shorten(field);
    }

    [LoggerMessage(2000, LogLevel.Error, "Request {TraceId} failed with {ExceptionType}")]
    private static partial void LogServerError(ILogger logger, Exception exception, string exceptionType, string traceId);
}
