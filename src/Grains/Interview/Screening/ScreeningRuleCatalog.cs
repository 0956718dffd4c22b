using MedifyAI.Interview.Extraction;
using MedifyAI.Sessions;

namespace MedifyAI.Interview.Screening;

/// <summary>
/// The emergency screening rules. Each rule reads only present findings, so a denied symptom never fires
/// one, and findings from earlier messages count (chest pain in one message, arm pain in the next).
/// </summary>
internal static class ScreeningRuleCatalog
{
    private const string CallNow =
        "Call your local emergency number now (for example 911, 112 or 999) or have someone take you to the "
        + "nearest emergency department. Do not drive yourself.";

    private static readonly string[] RadiationTargets = ["arm", "jaw", "neck", "shoulder"];

    public static IReadOnlyList<ScreeningRule> All { get; } =
    [
        new("cardiac-chest-pain",
            "Chest pain with features of a heart problem (spreading to the arm, jaw or neck, sweating, "
            + "breathlessness, or crushing pain).",
            "Chest pain like this can be a sign of a heart attack. " + CallNow,
            TriageLevel.Emergency,
            c => c.Has("crushing-chest-pain")
                || (c.Has("chest-pain")
                    && (RadiatesToArmOrJaw(c) || c.HasAny("sweating", "shortness-of-breath", "jaw-pain")))),

        new("severe-breathing-difficulty",
            "Severe difficulty breathing (unable to breathe or speak in sentences, gasping, or blue lips).",
            "Severe difficulty breathing needs help straight away. " + CallNow,
            TriageLevel.Emergency,
            c => c.HasAny("severe-breathing-difficulty", "cyanosis")),

        new("stroke-signs",
            "Possible stroke signs (face drooping, one-sided weakness or numbness, slurred speech, sudden "
            + "confusion or sudden loss of vision).",
            "These can be signs of a stroke, and every minute counts. " + CallNow
            + " Note the time the symptoms started.",
            TriageLevel.Emergency,
            c => c.HasAny("facial-droop", "one-sided-weakness", "slurred-speech")
                || c.HasSudden("confusion")
                || c.HasSudden("vision-loss")),

        new("heavy-bleeding",
            "Heavy or uncontrolled bleeding, vomiting blood, or black stool with dizziness or fainting.",
            "Heavy bleeding or bleeding from the gut needs urgent emergency care. " + CallNow
            + " Press firmly on any bleeding wound while you wait.",
            TriageLevel.Emergency,
            c => c.HasAny("uncontrolled-bleeding", "vomiting-blood")
                || (c.HasAny("black-stool", "rectal-bleeding") && c.HasAny("dizziness", "syncope"))),

        new("loss-of-consciousness",
            "Loss of consciousness (fainting, passing out or being unresponsive).",
            "Passing out needs to be checked straight away. " + CallNow
            + " If someone is unresponsive, call for help and check their breathing.",
            TriageLevel.Emergency,
            c => c.Has("syncope")),

        new("anaphylaxis",
            "Possible severe allergic reaction (throat, tongue or lip swelling, or hives with breathing trouble).",
            "This may be a severe allergic reaction. Use an adrenaline (epinephrine) auto-injector if you have "
            + "one. " + CallNow,
            TriageLevel.Emergency,
            c => c.Has("throat-swelling")
                || (c.HasAny("hives", "facial-swelling")
                    && c.HasAny("shortness-of-breath", "wheezing", "severe-breathing-difficulty"))),

        new("seizure",
            "A seizure (fit or convulsions).",
            "A seizure needs emergency assessment. " + CallNow
            + " Keep the person safe from injury and do not put anything in their mouth.",
            TriageLevel.Emergency,
            c => c.Has("seizure")),

        new("suicide-risk",
            "Thoughts of suicide or self-harm.",
            "I'm really sorry you're feeling this way, and you deserve support right now. If you might act on "
            + "these thoughts or you are in danger, call your local emergency number now. You can also call or "
            + "text a suicide and crisis line in your country (for example 988 in the US and Canada, or "
            + "Samaritans on 116 123 in the UK and Ireland). If you can, stay with someone you trust.",
            TriageLevel.Emergency,
            c => c.HasAny("suicidal-thoughts", "self-harm")),

        new("acute-abdomen",
            "Severe abdominal pain with a rigid, board-like belly, or the worst abdominal pain of the patient's life.",
            "Severe abdominal pain like this needs emergency assessment. " + CallNow,
            TriageLevel.Emergency,
            c => c.Has("abdominal-rigidity") || c.Find("abdominal-pain") is { Present: true, Severity: >= 10 }),

        new("infant-fever",
            "Fever (38 °C / 100.4 °F or higher) in an infant younger than 3 months.",
            "A fever in a baby under 3 months old needs to be seen by a doctor straight away. Call your local "
            + "emergency number or go to the nearest emergency department now.",
            TriageLevel.Emergency,
            c => c.Profile.AgeInMonths < 3 && c.Has("fever")),

        new("thunderclap-headache",
            "Sudden, severe (thunderclap) headache.",
            "A sudden, very severe headache needs emergency assessment to rule out bleeding in the brain. "
            + CallNow,
            TriageLevel.Emergency,
            c => c.Has("thunderclap-headache")
                || (c.HasSudden("headache") && c.Find("headache") is { Severity: >= 9 })),

        new("meningism",
            "Fever with a stiff neck.",
            "A fever with a stiff neck can be a sign of meningitis. " + CallNow,
            TriageLevel.Emergency,
            c => c.Has("fever") && c.Has("stiff-neck")),
    ];

    private static bool RadiatesToArmOrJaw(ScreeningContext context)
    {
        if (context.Find("radiating-pain") is not { Present: true } radiation)
        {
            return context.HasAny("arm-pain", "jaw-pain");
        }

        // A "yes" to the radiation question records no location; that answer was about the arm or jaw.
        return radiation.Location is null
            || Array.Exists(RadiationTargets, t => radiation.Location.Contains(t, StringComparison.Ordinal));
    }

    /// <summary>The fever threshold of the infant rule, in degrees Celsius.</summary>
    public const double InfantFeverCelsius = AttributeReader.FeverCelsius;
}
