using MedifyAI.Sessions;

namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Merges mentions into the session's findings: one finding per symptom id, a later statement flips
/// present or absent, and a later attribute replaces an earlier one.
/// </summary>
internal static class FindingMerger
{
    /// <summary>Merges <paramref name="mention"/> and returns the finding as stored.</summary>
    public static Finding Merge(InterviewState state, SymptomMention mention, int turn)
    {
        var index = state.Findings.FindIndex(f => f.SymptomId == mention.Symptom.Id);
        if (index < 0)
        {
            var added = new Finding
            {
                SymptomId = mention.Symptom.Id,
                Name = mention.Symptom.Name,
                Present = mention.Present,
                Onset = mention.Present ? mention.Onset : null,
                DurationHours = mention.Present ? mention.DurationHours : null,
                Severity = mention.Present ? mention.Severity : null,
                Location = mention.Location,
                FirstTurn = turn,
            };
            state.Findings.Add(added);
            return added;
        }

        var existing = state.Findings[index];

        // "No thigh pain" does not deny a calf pain reported earlier: a denial scoped to another place
        // leaves a present finding as it is.
        if (!mention.Present && existing.Present && mention.Location is not null
            && !string.Equals(mention.Location, existing.Location, StringComparison.Ordinal))
        {
            return existing;
        }

        var updated = existing with
        {
            Present = mention.Present,
            Onset = mention.Onset ?? existing.Onset,
            DurationHours = mention.DurationHours ?? existing.DurationHours,
            Severity = mention.Severity ?? existing.Severity,
            Location = mention.Location ?? existing.Location,
        };
        state.Findings[index] = updated;
        return updated;
    }

    /// <summary>Replaces the stored finding for <paramref name="symptomId"/>; returns null when there is none.</summary>
    public static Finding? Update(InterviewState state, string symptomId, Func<Finding, Finding> update)
    {
        var index = state.Findings.FindIndex(f => f.SymptomId == symptomId);
        if (index < 0)
        {
            return null;
        }

        state.Findings[index] = update(state.Findings[index]);
        return state.Findings[index];
    }
}
