using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Security;

/// <summary>Copies the values of configured group claims (such as <c>cognito:groups</c>) into <c>role</c> claims.</summary>
internal sealed class RoleClaimsTransformation(IOptions<SecurityOptions> options) : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var claimTypes = options.Value.RoleClaimTypes;
        if (claimTypes.Length == 0 || principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return Task.FromResult(principal);
        }

        var roles = claimTypes
            .SelectMany(type => identity.FindAll(type))
            .Select(claim => claim.Value)
            .Where(role => !identity.HasClaim(SecurityExtensions.RoleClaimType, role))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(SecurityExtensions.RoleClaimType, role));
        }

        return Task.FromResult(principal);
    }
}
