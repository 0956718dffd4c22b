namespace MedifyAI.Interview.Questions;

/// <summary>A question the planner may ask.</summary>
/// <param name="Id">Stable id stored in <c>InterviewState.AskedQuestions</c>.</param>
/// <param name="Kind">What the question asks about.</param>
/// <param name="Text">The wording; <c>{0}</c> is replaced by the chief complaint's name.</param>
/// <param name="SymptomId">For a screening question, the symptom a yes or no records.</param>
/// <param name="PainOnly">True when the question applies only to a painful chief complaint.</param>
internal sealed record PlannedQuestion(
    string Id,
    QuestionKind Kind,
    string Text,
    string? SymptomId = null,
    bool PainOnly = false);
