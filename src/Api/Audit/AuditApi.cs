using System.Globalization;
using MedifyAI.Api.Security;
using MedifyAI.Audit;
using MedifyAI.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedifyAI.Api.Audit;

/// <summary>Operator access to the audit log of session reads by someone other than the owner.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/audit").WithTags("Audit");

        group.MapGet("/", ListAsync)
            .RequireAuthorization(ApiPolicies.Operator)
            .WithName("ListAuditEntries")
            .WithSummary("List the audited session reads of one UTC day (date=yyyy-MM-dd), optionally of one session.");

        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> ListAsync(
        string? date,
        string? sessionId,
        IClusterClient client,
        TimeProvider time)
    {
        var day = time.GetUtcNow();
        if (date is not null
            && !DateTimeOffset.TryParseExact(date, AuditLogKeys.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out day))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["date"] = ["date must be a UTC day as yyyy-MM-dd, for example 2026-12-04."] });
        }

        if (sessionId is not null && !SessionIds.IsWellFormed(sessionId))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["sessionId"] = ["sessionId must be a 22-character session id."] });
        }

        var entries = await client.GetGrain<IAuditLogGrain>(AuditLogKeys.ForDay(day)).ListAsync(sessionId);
        return TypedResults.Ok(entries);
    }
}
