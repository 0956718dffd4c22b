using MedifyAI.Api.Errors;
using MedifyAI.Api.Security;
using MedifyAI.Patients;
using MedifyAI.Security;
using MedifyAI.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Sessions;

/// <summary>The symptom-chat routes under <c>/api/sessions</c>.</summary>
public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sessions").WithTags("Sessions");

        group.MapPost("/", CreateSessionAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .RequireRateLimiting(ApiPolicies.SessionsRateLimit)
            .WithName("CreateSession")
            .WithSummary("Start a symptom chat with the patient's profile; returns the session id and the greeting.");

        group.MapGet("/", ListSessionsAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .WithName("ListSessions")
            .WithSummary("List the calling patient's session ids, oldest first.");

        group.MapPost("/{id}/messages", SendMessageAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .RequireRateLimiting(ApiPolicies.MessagesRateLimit)
            .WithName("SendMessage")
            .WithSummary("Send one patient message; returns the reply, triage, red flags and findings.");

        group.MapPost("/{id}/messages/stream", MessageStreamEndpoint.StreamMessageAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .RequireRateLimiting(ApiPolicies.MessagesRateLimit)
            .WithName("StreamMessage")
            .WithSummary("Send one patient message; the reply streams as server-sent events ending with a final turn event.")
            .Produces(StatusCodes.Status200OK, contentType: MessageStreamEndpoint.ContentType);

        group.MapGet("/{id}", GetSessionAsync)
            .RequireAuthorization(ApiPolicies.SessionReader)
            .WithName("GetSession")
            .WithSummary("Read the whole session: profile, turns, interview state, red flags and triage.");

        group.MapPost("/{id}/end", EndSessionAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .WithName("EndSession")
            .WithSummary("End the chat and return its structured clinical summary.");

        group.MapGet("/{id}/summary", GetSummaryAsync)
            .RequireAuthorization(ApiPolicies.SessionReader)
            .WithName("GetSummary")
            .WithSummary("Return the clinical summary of an ended session again.");

        group.MapDelete("/{id}", EraseSessionAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .WithName("EraseSession")
            .WithSummary("Erase one of the caller's sessions and everything stored with it.");

        return group;
    }

    public static async Task<Results<Created<SessionStarted>, ValidationProblem>> CreateSessionAsync(
        CreateSessionRequest request,
        IClusterClient client,
        IOptions<SecurityOptions> security)
    {
        var errors = SessionRequestValidator.Validate(request, out var profile);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The session request is invalid.");
        }

        var owner = CallerContext.Current!.Subject;
        var sessionId = SessionIds.New();
        await client.GetGrain<IPatientGrain>(owner).AddSessionAsync(sessionId, security.Value.MaxSessionsPerPatient);
        var started = await client.GetGrain<IPatientSessionGrain>(sessionId)
            .StartAsync(new StartSessionCommand { Profile = profile!, OwnerId = owner });

        return TypedResults.Created($"/api/sessions/{sessionId}", started);
    }

    public static async Task<Ok<IReadOnlyList<string>>> ListSessionsAsync(IClusterClient client)
    {
        var owner = CallerContext.Current!.Subject;
        return TypedResults.Ok(await client.GetGrain<IPatientGrain>(owner).ListSessionsAsync());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseSessionAsync(string id, IClusterClient client)
    {
        var owner = CallerContext.Current!.Subject;
        if (!SessionIds.IsWellFormed(id) || !await client.GetGrain<IPatientGrain>(owner).EraseSessionAsync(id))
        {
            return ApiProblems.SessionNotFound(id);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TurnReply>, ValidationProblem, ProblemHttpResult>> SendMessageAsync(
        string id,
        SendMessageRequest request,
        IClusterClient client,
        IOptions<SessionLimitsOptions> limits)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return ApiProblems.SessionNotFound(id);
        }

        var errors = SessionRequestValidator.Validate(request, limits.Value);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The message is invalid.");
        }

        var reply = await client.GetGrain<IPatientSessionGrain>(id)
            .SendMessageAsync(new PatientMessage { Text = request.Text!, ClientMessageId = request.ClientMessageId });

        return TypedResults.Ok(reply);
    }

    public static async Task<Results<Ok<SessionSnapshot>, ProblemHttpResult>> GetSessionAsync(
        string id,
        IClusterClient client)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return ApiProblems.SessionNotFound(id);
        }

        return TypedResults.Ok(await client.GetGrain<IPatientSessionGrain>(id).GetAsync());
    }

    public static async Task<Results<Ok<ClinicalSummary>, ProblemHttpResult>> EndSessionAsync(
        string id,
        IClusterClient client)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return ApiProblems.SessionNotFound(id);
        }

        return TypedResults.Ok(await client.GetGrain<IPatientSessionGrain>(id).EndAsync());
    }

    public static async Task<Results<Ok<ClinicalSummary>, ProblemHttpResult>> GetSummaryAsync(
        string id,
        IClusterClient client)
    {
        if (!SessionIds.IsWellFormed(id))
        {
            return ApiProblems.SessionNotFound(id);
        }

        return TypedResults.Ok(await client.GetGrain<IPatientSessionGrain>(id).GetSummaryAsync());
    }
}
