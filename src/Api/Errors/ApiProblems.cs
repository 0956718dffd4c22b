using Microsoft.AspNetCore.Http.HttpResults;

namespace MedifyAI.Api.Errors;

/// <summary>ProblemDetails results shared by the endpoints.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult SessionNotFound(string id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Session not found.",
            detail: $"No session has the id '{Shorten(id)}'. Create one with POST /api/sessions.");

    /// <summary>Cuts a client-supplied value so an error never echoes a long input back.</summary>
    public static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";
}
