using MedifyAI.Security;

namespace MedifyAI.Api.Security;

/// <summary>
/// Attaches the authenticated caller to Orleans' request context, so every grain call this request makes
/// carries the subject and roles the grains check.
/// </summary>
internal sealed class CallerContextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        var subject = user.FindFirst(SecurityExtensions.SubjectClaimType)?.Value;
        if (user.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(subject))
        {
            var roles = user.FindAll(SecurityExtensions.RoleClaimType).Select(claim => claim.Value).Distinct().ToArray();
            new CallerContext(subject, roles).Attach();
        }

        return next(context);
    }
}
