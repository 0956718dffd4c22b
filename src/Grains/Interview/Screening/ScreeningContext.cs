using MedifyAI.Sessions;

namespace MedifyAI.Interview.Screening;

/// <summary>What a screening rule may look at: every finding of the session so far and the profile.</summary>
internal sealed class ScreeningContext(InterviewState state, PatientProfile profile)
{
    public PatientProfile Profile { get; } = profile;

    /// <summary>True when the symptom is recorded as present; a denied symptom never counts.</summary>
    public bool Has(string symptomId)
    {
        return Find(symptomId) is { Present: true };
    }

    /// <summary>True when any of the symptoms is recorded as present.</summary>
    public bool HasAny(params ReadOnlySpan<string> symptomIds)
    {
        foreach (var id in symptomIds)
        {
            if (Has(id))
            {
                return true;
            }
        }

        return false;
    }

    public Finding? Find(string symptomId)
    {
        foreach (var finding in state.Findings)
        {
            if (finding.SymptomId == symptomId)
            {
                return finding;
            }
        }

        return null;
    }

    /// <summary>True when the present symptom's onset was described as sudden.</summary>
    public bool HasSudden(string symptomId)
    {
        return Find(symptomId) is { Present: true, Onset: { } onset }
            && onset.StartsWith("sudden", StringComparison.Ordinal);
    }
}
