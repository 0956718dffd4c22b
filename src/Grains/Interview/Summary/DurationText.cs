using System.Globalization;

namespace MedifyAI.Interview.Summary;

/// <summary>Formats a duration in hours as plain words, for example "3 days" or "2 weeks".</summary>
internal static class DurationText
{
    public static string Format(double hours)
    {
        if (hours < 1)
        {
            return Plural(Math.Max(1, Math.Round(hours * 60)), "minute");
        }

        if (hours < 24)
        {
            return Plural(Math.Round(hours), "hour");
        }

        if (hours < 168 || hours % 168 != 0 && hours < 730)
        {
            return Plural(Math.Round(hours / 24), "day");
        }

        if (hours < 730)
        {
            return Plural(Math.Round(hours / 168), "week");
        }

        return hours < 8760 ? Plural(Math.Round(hours / 730), "month") : Plural(Math.Round(hours / 8760), "year");
    }

    private static string Plural(double count, string unit)
    {
        var text = count.ToString("0", CultureInfo.InvariantCulture);
        return count == 1 ? $"{text} {unit}" : $"{text} {unit}s";
    }
}
