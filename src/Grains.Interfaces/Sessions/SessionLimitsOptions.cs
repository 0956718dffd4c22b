using System.ComponentModel.DataAnnotations;

namespace MedifyAI.Sessions;

/// <summary>Limits on one chat, bound from the <c>MedifyAI:Sessions</c> configuration section.</summary>
public sealed class SessionLimitsOptions
{
    public const string SectionName = "MedifyAI:Sessions";

    /// <summary>Maximum characters in one patient message.</summary>
    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4_000;

    /// <summary>Maximum patient messages in one session; the next one is rejected with 409.</summary>
    [Range(1, 10_000)]
    public int MaxTurnsPerSession { get; set; } = 200;

    /// <summary>Maximum length of a client message id.</summary>
    [Range(1, 1_000)]
    public int MaxClientMessageIdLength { get; set; } = 100;
}
