namespace MedifyAI.Generation;

/// <summary>
/// Writes the wording of a chat reply from what the guided interview decided. The guided interview
/// writes it when no language model is configured; a model-backed responder replaces only the wording.
/// </summary>
public interface IReplyResponder
{
    /// <summary>Name reported with each reply, for example <c>guided-interview</c>.</summary>
    string Name { get; }

    /// <summary>Writes the reply to one patient message.</summary>
    Task<ResponderReply> WriteReplyAsync(ReplyContext context, CancellationToken cancellationToken);
}
