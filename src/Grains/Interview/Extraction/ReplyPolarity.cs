namespace MedifyAI.Interview.Extraction;

/// <summary>Whether a message opens with a yes or a no, as an answer to a yes/no question.</summary>
internal enum ReplyPolarity
{
    None = 0,
    Yes = 1,
    No = 2,
}
