namespace MedifyAI.Benchmarks.Chat;

/// <summary>The patient messages each benchmark session sends, in order: a plausible 20-turn history.</summary>
internal static class ChatScript
{
    public static readonly string[] Messages =
    [
        "I have had a headache for 3 days",
        "It came on gradually, not suddenly",
        "No fever and my neck is not stiff",
        "No weakness or numbness anywhere",
        "It is worse in the evening and when I look at screens",
        "Resting in a dark room helps a bit",
        "It feels like a tight band around my head",
        "Mostly across my forehead, it does not spread",
        "About 6 out of 10",
        "It is there most of the day",
        "I also feel a little nauseous but I have not vomited",
        "I took ibuprofen twice a day",
        "No known allergies",
        "I had migraines as a teenager",
        "I have been sleeping badly this week",
        "No blurred vision",
        "I drink about three coffees a day",
        "No recent head injury",
        "My blood pressure was normal last month",
        "That is everything I can think of",
    ];
}
