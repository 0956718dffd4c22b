namespace MedifyAI.Interview;

/// <summary>A follow-up question with a stable id, so the interview never asks it twice.</summary>
/// <param name="Id">Stable id, for example <c>onset</c> or <c>chest-pain.radiation</c>.</param>
/// <param name="Text">The question as the patient reads it.</param>
public sealed record InterviewQuestion(string Id, string Text);
