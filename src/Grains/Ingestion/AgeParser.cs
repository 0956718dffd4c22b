using System.Globalization;
using System.Text.RegularExpressions;

namespace MedifyAI.Ingestion;

/// <summary>
/// Parses PMC-Patients ages: a Python-literal list of [value, unit] pairs such as <c>[[60.0, 'year']]</c> or
/// <c>[[3.0, 'month'], [2.0, 'week']]</c>. The pairs are summed and converted to years.
/// </summary>
public static partial class AgeParser
{
    /// <summary>Oldest age accepted, in years.</summary>
    public const double MaxYears = 130;

    private const double DaysPerYear = 365.25;

    /// <summary>Returns the age in years, or null when the value is not a valid age list.</summary>
    public static double? TryParseYears(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var whole = WholeList().Match(value.Trim());
        if (!whole.Success)
        {
            return null;
        }

        var years = 0.0;
        var pairs = 0;
        foreach (Match pair in Pair().Matches(value))
        {
            if (!double.TryParse(pair.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                || amount < 0
                || !double.IsFinite(amount))
            {
                return null;
            }

            double? unitYears = pair.Groups["unit"].Value switch
            {
                "year" => 1,
                "month" => 1.0 / 12,
                "week" => 7 / DaysPerYear,
                "day" => 1 / DaysPerYear,
                "hour" => 1 / (DaysPerYear * 24),
                _ => null,
            };
            if (unitYears is not { } factor)
            {
                return null;
            }

            years += amount * factor;
            pairs++;
        }

        return pairs > 0 && years <= MaxYears ? years : null;
    }

    [GeneratedRegex(@"^\[\s*(\[\s*-?[0-9.eE+-]+\s*,\s*'[a-z]+'\s*\]\s*,?\s*)+\]$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeList();

    [GeneratedRegex(@"\[\s*(?<value>-?[0-9.eE+-]+)\s*,\s*'(?<unit>[a-z]+)'\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Pair();
}
