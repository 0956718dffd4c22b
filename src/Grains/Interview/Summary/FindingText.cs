using System.Text;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Summary;

/// <summary>Describes a finding in a few words, for summaries and replies.</summary>
internal static class FindingText
{
    /// <summary>Returns, for example, "headache for 3 days, rated 7 out of 10, at the left side".</summary>
    public static string Describe(Finding finding)
    {
        if (!finding.Present)
        {
            return $"no {finding.Name}";
        }

        var text = new StringBuilder(finding.Name);
        AppendDetails(text, finding);
        return text.ToString();
    }

    /// <summary>Appends duration, severity and location to <paramref name="text"/>, each after a comma.</summary>
    public static void AppendDetails(StringBuilder text, Finding finding)
    {
        if (finding.DurationHours is { } hours)
        {
            text.Append(" for ").Append(DurationText.Format(hours));
        }
        else if (finding.Onset is { } onset)
        {
            text.Append(" (onset ").Append(onset).Append(')');
        }

        if (finding.Severity is { } severity)
        {
            text.Append(", rated ").Append(severity).Append(" out of 10");
        }

        if (finding.Location is { } location)
        {
            text.Append(", ").Append(finding.SymptomId == "radiating-pain" ? "to the " : "at the ").Append(location);
        }
    }
}
