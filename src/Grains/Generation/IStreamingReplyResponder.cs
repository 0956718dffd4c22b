namespace MedifyAI.Generation;

/// <summary>A responder that can hand out the reply text while it is being written.</summary>
public interface IStreamingReplyResponder : IReplyResponder
{
    /// <summary>
    /// Writes the reply to one patient message, calling <paramref name="onText"/> with each piece of text that may
    /// be shown at once. The returned reply is authoritative: when it differs from the concatenated pieces (a safety
    /// check or a failure replaced the text), the caller must show the returned text in their place.
    /// </summary>
    Task<ResponderReply> StreamReplyAsync(ReplyContext context, Action<string> onText, CancellationToken cancellationToken);
}
