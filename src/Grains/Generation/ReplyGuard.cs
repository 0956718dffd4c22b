using System.Text.RegularExpressions;
using MedifyAI.Sessions;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>
/// Checks model output before a patient sees it: strips chat-template tokens, fence tags and role labels, caps the
/// length, and rejects replies that state a diagnosis as fact, echo the prompt, or reassure after a red flag or at
/// Urgent or Emergency triage. A rejected reply is replaced by the guided interview's reply.
/// </summary>
/// <remarks>
/// The checks are English phrase patterns. They catch the common wordings, not every paraphrase, which is why the
/// emergency advice itself never comes from the model.
/// </remarks>
public sealed partial class ReplyGuard
{
    public const string Reassurance = "reassurance";
    public const string Diagnosis = "diagnosis";
    public const string Echo = "echo";
    public const string Empty = "empty";

    private readonly GenerationOptions _options;

    public ReplyGuard(IOptions<GenerationOptions> options)
    {
        _options = options.Value;
    }

    /// <summary>True when replies must be checked as a whole before any of their text is shown.</summary>
    public static bool RequiresHoldBack(ReplyContext context) =>
        context.RedFlags.Count > 0 || context.Step.Triage.Level >= TriageLevel.Urgent;

    public ReplyVerdict Vet(string output, ReplyContext context)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);

        if (output.Contains(ClinicalPrompts.ReplyIdentity, StringComparison.OrdinalIgnoreCase)
            || EchoedInstruction().IsMatch(output))
        {
            return Reject(Echo);
        }

        var text = SpecialToken().Replace(output, string.Empty);
        text = FenceTag().Replace(text, string.Empty);
        text = LeadingRoleLabel().Replace(text, string.Empty).Trim();
        text = Cap(text, _options.MaxReplyCharacters);
        if (text.Length == 0)
        {
            return Reject(Empty);
        }

        if (Statements(text).Any(DiagnosisAsFact().IsMatch))
        {
            return Reject(Diagnosis);
        }

        if (RequiresHoldBack(context) && Downplay().IsMatch(text))
        {
            return Reject(Reassurance);
        }

        return new ReplyVerdict(text, null, Cite(text, context.References));
    }

    private static ReplyVerdict Reject(string reason) => new(null, reason, []);

    /// <summary>Sentences that are not questions: "Do you have diabetes?" asks, it does not diagnose.</summary>
    private static IEnumerable<string> Statements(string text) =>
        SentenceEnd().Split(text).Where(sentence => !sentence.TrimEnd().EndsWith('?'));

    private static IReadOnlyList<string> Cite(string text, IReadOnlyList<ReplyReference>? references)
    {
        if (references is not { Count: > 0 })
        {
            return [];
        }

        return references
            .Select(reference => (reference.Id, At: text.IndexOf("[" + reference.Id + "]", StringComparison.Ordinal)))
            .Where(hit => hit.At >= 0)
            .OrderBy(hit => hit.At)
            .Select(hit => hit.Id)
            .ToList();
    }

    private static string Cap(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', maxCharacters - 1);
        return text[..(cut > maxCharacters / 2 ? cut : maxCharacters - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"<\|[a-z_]+\|>", RegexOptions.IgnoreCase)]
    private static partial Regex SpecialToken();

    [GeneratedRegex(@"</?\s*(patient_message|profile|reference)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FenceTag();

    [GeneratedRegex(@"^\s*(assistant|medifyai|system)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingRoleLabel();

    [GeneratedRegex(@"(Task: write your reply|^## (Patient profile|Interview so far|Red flags and triage)|Follow these rules in every reply)",
        RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex EchoedInstruction();

    // "You have pneumonia", "you are suffering from a migraine", "this is definitely angina", "the diagnosis is".
    // Hedged wording ("a clinician may want to rule out ...") does not match.
    [GeneratedRegex(
        @"\b((?<!\b(if|whether|do|did|when|unless|in\s+case)\s+)you(\s+(definitely|clearly|certainly|probably|most\s+likely|likely))?\s+(have|'ve\s+got|have\s+got|are\s+suffering\s+from)"
        + @"|(it|this)(\s+is|'s)\s+(definitely|certainly|clearly|obviously))\s+(an?\s+|the\s+)?[\w\s-]{0,30}?" + Condition
        + @"|\b(my|the|your)\s+diagnosis\s+is\b|\bI\s+(can\s+)?diagnose\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosisAsFact();

    // Condition names by suffix plus common conditions whose names have none of those suffixes.
    private const string Condition =
        @"(\w*(itis|osis|emia|aemia|oma|pathy)|infection|disease|syndrome|disorder|cancer|tumou?r|pneumonia|influenza|flu|migraine"
        + @"|heart\s+attack|stroke|fracture|diabetes|covid|angina|reflux|sepsis|embolism|shingles|measles|mumps|chickenpox|asthma"
        + @"|gout|lupus|herpes|eczema|psoriasis|hernia|ulcer|gallstones|kidney\s+stones|concussion|dementia|depression|copd)\b";

    // Reassurance that contradicts a raised red flag or Urgent/Emergency triage.
    [GeneratedRegex(
        @"(nothing\s+(serious|to\s+worry\s+about)|no\s+(need|reason)\s+to\s+(worry|panic|see|call|visit|go)|not\s+(serious|an?\s+emergency|dangerous|urgent)"
        + @"|(don't|do\s+not|dont|won't|will\s+not)\s+need\s+(to\s+(see|call|visit|go)|a\s+doctor|medical|an?\s+ambulance|emergency)"
        + @"|no\s+cause\s+for\s+(concern|alarm)|perfectly\s+(normal|fine)|(can|could)\s+(safely\s+)?wait|wait\s+and\s+see|(just|simply)\s+(rest|relax|sleep\s+it\s+off)"
        + @"|probably\s+(just|nothing)|harmless|(is|it's|sounds)\s+(likely\s+)?(just\s+)?(anxiety|stress|indigestion|heartburn|a\s+pulled\s+muscle|muscle\s+strain))",
        RegexOptions.IgnoreCase)]
    private static partial Regex Downplay();
}
