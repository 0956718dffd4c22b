using System.Security.Claims;
using MedifyAI.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace MedifyAI.Benchmarks.Security;

/// <summary>
/// Benchmark-only replacement for ASP.NET Core's policy evaluator: it validates no token and checks no
/// policy, and takes the patient's subject from a plain header. It exists so the benchmark can measure what
/// authentication and authorization cost; the product has no setting that switches them off.
/// </summary>
internal sealed class TrustingPolicyEvaluator : IPolicyEvaluator
{
    public const string SubjectHeader = "X-Benchmark-Subject";

    public Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context)
    {
        var subject = context.Request.Headers[SubjectHeader].ToString();
        var identity = new ClaimsIdentity([new Claim("sub", subject), new Claim("role", Roles.Patient)], "benchmark", "sub", "role");
        context.User = new ClaimsPrincipal(identity);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(context.User, "benchmark")));
    }

    public Task<PolicyAuthorizationResult> AuthorizeAsync(
        AuthorizationPolicy policy,
        AuthenticateResult authenticationResult,
        HttpContext context,
        object? resource) => Task.FromResult(PolicyAuthorizationResult.Success());
}
