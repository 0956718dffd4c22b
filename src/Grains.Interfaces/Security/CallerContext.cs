namespace MedifyAI.Security;

/// <summary>
/// The authenticated caller of a grain call: the token's subject and roles. The API puts it in Orleans'
/// <see cref="RequestContext"/>, which flows with every grain call it makes, so grains check ownership
/// themselves instead of trusting the endpoint.
/// </summary>
public sealed record CallerContext(string Subject, IReadOnlyList<string> Roles)
{
    private const string SubjectKey = "medifyai.subject";
    private const string RolesKey = "medifyai.roles";

    /// <summary>The caller of the current grain call, or null when the call carries no identity.</summary>
    public static CallerContext? Current
    {
        get
        {
            if (RequestContext.Get(SubjectKey) is not string subject || subject.Length == 0)
            {
                return null;
            }

            var roles = RequestContext.Get(RolesKey) as string[] ?? [];
            return new CallerContext(subject, roles);
        }
    }

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Makes this caller the identity of the grain calls that follow on the current async flow.</summary>
    public void Attach()
    {
        RequestContext.Set(SubjectKey, Subject);
        RequestContext.Set(RolesKey, Roles.ToArray());
    }
}
