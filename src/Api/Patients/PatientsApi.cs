using MedifyAI.Api.Security;
using MedifyAI.Patients;
using MedifyAI.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedifyAI.Api.Patients;

/// <summary>The patient's own data: the right-to-erasure route.</summary>
public static class PatientsApi
{
    public static RouteGroupBuilder MapPatientsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/patients").WithTags("Patients");

        group.MapDelete("/me", EraseMyDataAsync)
            .RequireAuthorization(ApiPolicies.Patient)
            .WithName("ErasePatientData")
            .WithSummary("Erase every session of the calling patient, with all stored messages, findings and summaries.");

        return group;
    }

    public static async Task<Ok<ErasureResult>> EraseMyDataAsync(IClusterClient client)
    {
        var erased = await client.GetGrain<IPatientGrain>(CallerContext.Current!.Subject).EraseAllAsync();
        return TypedResults.Ok(new ErasureResult(erased));
    }
}
