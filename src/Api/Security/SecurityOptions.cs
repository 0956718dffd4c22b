using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Api.Security;

/// <summary>
/// Access limits of the API, bound from <c>MedifyAI:Security</c>. Token validation itself is configured in the
/// standard <c>Authentication:Schemes:Bearer</c> section (Authority, ValidIssuer, ValidAudiences, SigningKeys).
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "MedifyAI:Security";

    /// <summary>
    /// Claim types whose values count as roles besides <c>role</c>, for example <c>cognito:groups</c> for
    /// Amazon Cognito user-pool groups.
    /// </summary>
    public string[] RoleClaimTypes { get; set; } = [];

    /// <summary>Patient messages one subject may send per <see cref="MessageWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerWindow { get; set; } = 30;

    /// <summary>Window of the message limit; the allowance refills evenly over it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Sessions one subject may create per <see cref="SessionWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int SessionsPerWindow { get; set; } = 20;

    /// <summary>Window of the session-creation limit.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SessionWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sessions one patient may keep; erase old ones to start more.</summary>
    [Range(1, 100_000)]
    public int MaxSessionsPerPatient { get; set; } = 100;

    /// <summary>Largest request body in bytes.</summary>
    [Range(1_024, 10_485_760)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Browser origins allowed by CORS; empty allows none.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
