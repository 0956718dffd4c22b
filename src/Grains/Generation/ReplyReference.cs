namespace MedifyAI.Generation;

/// <summary>A retrieved passage that a reply or a summary may cite.</summary>
/// <param name="Id">Stable citation id, for example a PMC-Patients patient uid or a MedQuAD question id.</param>
/// <param name="Title">Short label such as the article or question title; may be empty.</param>
/// <param name="Text">The passage text, already cut to the length the retriever returns.</param>
public sealed record ReplyReference(string Id, string Title, string Text);
