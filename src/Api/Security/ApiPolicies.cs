namespace MedifyAI.Api.Security;

/// <summary>Authorization and rate-limit policy names used by the endpoints.</summary>
public static class ApiPolicies
{
    public const string Patient = "patient";

    /// <summary>The session owner (a patient) or a clinician; the grain decides which sessions each may read.</summary>
    public const string SessionReader = "session-reader";

    public const string Operator = "operator";

    /// <summary>Rate limit on patient messages, per subject.</summary>
    public const string MessagesRateLimit = "messages";

    /// <summary>Rate limit on session creation, per subject.</summary>
    public const string SessionsRateLimit = "session-creation";
}
