using System.Globalization;
using System.Text;
using MedifyAI.Sessions;
using Microsoft.Extensions.Options;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;

namespace MedifyAI.Generation;

/// <summary>
/// Builds the prompt of one reply within <see cref="GenerationOptions.MaxPromptTokens"/>. The system message carries
/// the instructions and the fenced clinical context; recent turns follow verbatim, newest kept first. Turns that do
/// not fit are folded into an "earlier in the conversation" section built from the interview record, so no turn is
/// cut without a trace.
/// </summary>
public sealed class ReplyPromptBuilder
{
    // Role markers and separators the chat template adds around each message, estimated in characters.
    private const int MessageOverheadCharacters = 24;

    private readonly GenerationOptions _options;

    public ReplyPromptBuilder(IOptions<GenerationOptions> options)
    {
        _options = options.Value;
    }

    public ReplyPrompt Build(ReplyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var budget = (long)_options.MaxPromptTokens * 4;

        var head = new StringBuilder(ClinicalPrompts.ReplySystemPrompt.Length + 2048);
        head.AppendLine(ClinicalPrompts.ReplySystemPrompt).AppendLine();
        PromptSections.AppendProfile(head, context.Profile);
        PromptSections.AppendInterview(head, context.Interview);
        PromptSections.AppendSafety(head, context.RedFlags, context.Step.Triage);

        var current = CurrentMessage(context);
        var history = context.Turns.Where(turn => turn.Text.Length > 0).ToList();
        var foldReserve = FoldSection(history, history.Count, context.Interview).Length;

        // References get at most half of what is left, so a long retrieval never crowds out the recent turns.
        var left = budget - head.Length - current.Length - foldReserve - (2 * MessageOverheadCharacters);
        var references = new StringBuilder();
        var omittedReferences = PromptSections.AppendReferences(
            references, context.References, (int)Math.Clamp(left / 2, 0, int.MaxValue));
        left -= references.Length;

        var kept = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var cost = history[i].Text.Length + MessageOverheadCharacters + (history[i].Role == ChatRole.Patient ? 40 : 0);
            if (cost > left)
            {
                break;
            }

            left -= cost;
            kept++;
        }

        var folded = history.Count - kept;
        var system = new StringBuilder(head.Length + references.Length + foldReserve + 2);
        system.Append(head);
        system.Append(references);
        if (folded > 0)
        {
            system.Append(FoldSection(history, folded, context.Interview));
        }

        var messages = new List<AIChatMessage>(kept + 2) { new(AIChatRole.System, system.ToString()) };
        foreach (var turn in history.Skip(folded))
        {
            messages.Add(turn.Role == ChatRole.Patient
                ? new AIChatMessage(AIChatRole.User, PromptSections.PatientMessage(turn.Text))
                : new AIChatMessage(AIChatRole.Assistant, turn.Text));
        }

        messages.Add(new AIChatMessage(AIChatRole.User, current));

        var characters = messages.Sum(message => message.Text.Length + MessageOverheadCharacters);
        return new ReplyPrompt(messages, PromptSections.EstimateTokens(characters), folded, omittedReferences);
    }

    private static string CurrentMessage(ReplyContext context)
    {
        var text = new StringBuilder();
        text.AppendLine(PromptSections.PatientMessage(context.Message)).AppendLine();
        text.Append("Task: write your reply to the patient message above. ");
        if (context.Step.PatientIsDone)
        {
            text.Append("The patient has nothing more to add: thank them, and say what kind of care the triage level calls for.");
        }
        else if (context.Step.NextQuestion is { } question)
        {
            text.Append("Acknowledge what they said in one short sentence, then ask the next question: \"")
                .Append(PromptSections.Escape(question.Text)).Append('"');
        }
        else
        {
            text.Append("The history is complete: ask whether there is anything else they want to add.");
        }

        return text.ToString();
    }

    /// <summary>Summarises the first <paramref name="folded"/> messages from the interview record, deterministically.</summary>
    private static string FoldSection(IReadOnlyList<ChatTurn> history, int folded, InterviewState interview)
    {
        if (folded == 0)
        {
            return string.Empty;
        }

        var lastTurn = history[folded - 1].Number;
        var patientMessages = history.Take(folded).Count(turn => turn.Role == ChatRole.Patient);
        var findings = interview.Findings.Where(finding => finding.FirstTurn <= lastTurn);
        var section = new StringBuilder();
        section.AppendLine("## Earlier in the conversation");
        section.Append(string.Create(
            CultureInfo.InvariantCulture,
            $"Turns 0 to {lastTurn} ({folded} messages, {patientMessages} from the patient) are not repeated below. "));
        section.Append("Findings first reported in them: ").Append(PromptSections.Findings(findings)).AppendLine(".");
        section.AppendLine("Their answers and asked questions are listed under \"Interview so far\".");
        return section.ToString();
    }
}
