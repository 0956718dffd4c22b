using System.Globalization;

namespace MedifyAI.Audit;

/// <summary>Keys of <see cref="IAuditLogGrain"/>: one grain per UTC day.</summary>
public static class AuditLogKeys
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string ForDay(DateTimeOffset at) => at.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
}
