using System.Collections.Frozen;
using System.Text;
using MedifyAI.Interview;
using MedifyAI.Interview.Summary;
using MedifyAI.Sessions;

namespace MedifyAI.Generation;

/// <summary>
/// Words a reply from the guided interview's decision alone: a short acknowledgement of what was
/// understood, the triage advice the first time an urgent or routine level is reached, then exactly one
/// question or the closing invitation. Emergency advice is left out because the session grain puts the
/// red-flag advice in front of every reply itself.
/// </summary>
public sealed class GuidedReplyResponder : IReplyResponder
{
    private const int MaxAcknowledged = 4;

    private const string UrgentAdvice =
        "Based on what you've told me, you should be seen by a doctor within 24 hours, for example at an urgent "
        + "care centre or a same-day appointment.";

    private const string RoutineAdvice =
        "Based on what you've told me, it would be sensible to book a routine appointment with your doctor.";

    private const string ClosingInvitation =
        "Is there anything else you would like to add? If not, just say you're done and I'll prepare your summary.";

    // Symptom names that read naturally with "a" in front ("a headache", but "chest pain").
    private static readonly FrozenSet<string> Countable = new[]
    {
        "headache", "cough", "fever", "rash", "sore-throat", "stiff-neck", "runny-nose", "nosebleed", "toothache",
        "red-eye", "breast-lump", "missed-period", "seizure", "hoarseness", "neck-lump",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => GuidedInterview.SourceName;

    /// <inheritdoc />
    public Task<ResponderReply> WriteReplyAsync(ReplyContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(new ResponderReply(Write(context), Name));
    }

    private static string Write(ReplyContext context)
    {
        var step = context.Step;
        var reply = new StringBuilder();
        reply.Append(Acknowledge(step.Findings));

        var level = step.Triage.Level;
        if (level is TriageLevel.Urgent or TriageLevel.Routine && !AdvisedBefore(context.Turns, level))
        {
            reply.Append(' ').Append(level == TriageLevel.Urgent ? UrgentAdvice : RoutineAdvice);
        }

        if (step.PatientIsDone)
        {
            reply.Append(" Thank you for your answers. I'll now prepare a summary for the clinician.");
        }
        else if (step.NextQuestion is { } question)
        {
            reply.Append(' ').Append(question.Text);
        }
        else
        {
            reply.Append(' ').Append(ClosingInvitation);
        }

        return reply.ToString();
    }

    private static string Acknowledge(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
        {
            return "Thank you.";
        }

        var parts = findings
            .Where(f => f.SymptomId != "radiating-pain" || f.Present)
            .Take(MaxAcknowledged)
            .Select(Describe)
            .ToList();
        if (parts.Count == 0)
        {
            return "Thank you.";
        }

        var list = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
        var more = findings.Count > MaxAcknowledged ? ", among other things" : string.Empty;
        return $"Thank you. I've noted {list}{more}.";
    }

    private static string Describe(Finding finding)
    {
        if (finding.SymptomId == "radiating-pain")
        {
            return finding.Location is { } target ? $"pain spreading to the {target}" : "pain that spreads";
        }

        var text = FindingText.Describe(finding);
        return finding.Present && Countable.Contains(finding.SymptomId) ? $"a {text}" : text;
    }

    private static bool AdvisedBefore(IReadOnlyList<ChatTurn> turns, TriageLevel level)
    {
        foreach (var turn in turns)
        {
            if (turn.Role == ChatRole.Assistant && turn.Triage?.Level == level)
            {
                return true;
            }
        }

        return false;
    }
}
