using MedifyAI.Sessions;

namespace MedifyAI.Interview.Screening;

/// <summary>Runs every screening rule over the session and returns the rules that fired for the first time.</summary>
internal static class EmergencyScreener
{
    public static List<RedFlag> Screen(
        InterviewState state,
        PatientProfile profile,
        IReadOnlyList<RedFlag> raisedRedFlags,
        int turn)
    {
        var context = new ScreeningContext(state, profile);
        var raised = new List<RedFlag>();
        foreach (var rule in ScreeningRuleCatalog.All)
        {
            if (AlreadyRaised(raisedRedFlags, rule.Id) || !rule.Matches(context))
            {
                continue;
            }

            raised.Add(new RedFlag
            {
                RuleId = rule.Id,
                Description = rule.Description,
                Advice = rule.Advice,
                Level = rule.Level,
                Turn = turn,
            });
        }

        return raised;
    }

    private static bool AlreadyRaised(IReadOnlyList<RedFlag> raisedRedFlags, string ruleId)
    {
        foreach (var flag in raisedRedFlags)
        {
            if (flag.RuleId == ruleId)
            {
                return true;
            }
        }

        return false;
    }
}
