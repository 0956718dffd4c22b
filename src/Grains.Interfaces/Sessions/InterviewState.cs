namespace MedifyAI.Sessions;

/// <summary>Where the guided interview stands: what is known and which questions were asked.</summary>
[GenerateSerializer, Alias("MedifyAI.Sessions.InterviewState")]
public sealed class InterviewState
{
    /// <summary>Symptom id of the chief complaint: the first present symptom the patient reported.</summary>
    [Id(0)] public string? ChiefComplaint { get; set; }

    /// <summary>Every finding so far, one per symptom id; a later message updates the earlier finding.</summary>
    [Id(1)] public List<Finding> Findings { get; set; } = [];

    /// <summary>Ids of the questions asked, in order.</summary>
    [Id(2)] public List<string> AskedQuestions { get; set; } = [];

    /// <summary>The question the last reply asked, which the next message is taken to answer.</summary>
    [Id(3)] public string? PendingQuestion { get; set; }

    /// <summary>Answers to history questions by question id, as the patient phrased them.</summary>
    [Id(4)] public Dictionary<string, string> Answers { get; set; } = [];
}
