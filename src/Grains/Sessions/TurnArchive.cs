using System.Globalization;
using System.Text;

namespace MedifyAI.Sessions;

/// <summary>
/// Folds old turns of a session so the stored state stays far below a storage item limit such as DynamoDB's 400 KB
/// however long the chat runs.
/// </summary>
/// <remarks>
/// <para>
/// The newest turns are kept verbatim while their text fits in a UTF-8 byte budget (the last exchange always is).
/// Every older turn is folded once: its text is cut to an excerpt of at most <see cref="DefaultExcerptBytes"/> UTF-8
/// bytes, on a character boundary, followed by the marker <c>… [folded: N characters]</c> giving the original
/// length. A folded turn keeps its number, role, time, client message id, triage and source, so
/// <c>GET /api/sessions/{id}</c> still lists every turn in order and a retried message is still recognised, though
/// the replayed reply then carries the excerpt.
/// A turn whose text is no longer than the excerpt is counted as folded but left unchanged.
/// </para>
/// <para>
/// Stored text is then bounded by the verbatim budget plus one excerpt per older turn: about 96 KiB plus
/// 400 × 270 bytes for a 200-message chat. The findings, red flags and triage live in the interview state and are
/// never folded.
/// </para>
/// </remarks>
public static class TurnArchive
{
    /// <summary>UTF-8 bytes of the newest turns' text kept verbatim: 96 KiB.</summary>
    public const int DefaultVerbatimTextBytes = 96 * 1024;

    /// <summary>Maximum UTF-8 bytes of the excerpt a folded turn keeps.</summary>
    public const int DefaultExcerptBytes = 240;

    /// <summary>Turns always kept verbatim: the last patient message and its reply.</summary>
    public const int MinVerbatimTurns = 2;

    /// <summary>
    /// Folds the turns of <paramref name="state"/> that fall outside the verbatim budget and advances
    /// <see cref="PatientSessionState.FoldedTurnCount"/>. Returns the number of turns folded by this call.
    /// </summary>
    public static int Fold(
        PatientSessionState state,
        int verbatimTextBytes = DefaultVerbatimTextBytes,
        int excerptBytes = DefaultExcerptBytes)
    {
        ArgumentNullException.ThrowIfNull(state);
        var turns = state.Turns;

        // Walk back from the newest turn until the budget is spent; everything before that point is folded.
        var keepFrom = turns.Count;
        long verbatimBytes = 0;
        while (keepFrom > state.FoldedTurnCount)
        {
            var size = Encoding.UTF8.GetByteCount(turns[keepFrom - 1].Text);
            var mustKeep = turns.Count - keepFrom < MinVerbatimTurns;
            if (!mustKeep && verbatimBytes + size > verbatimTextBytes)
            {
                break;
            }

            verbatimBytes += size;
            keepFrom--;
        }

        var folded = 0;
        for (var i = state.FoldedTurnCount; i < keepFrom; i++)
        {
            turns[i] = FoldTurn(turns[i], excerptBytes);
            folded++;
        }

        state.FoldedTurnCount = Math.Max(state.FoldedTurnCount, keepFrom);
        return folded;
    }

    private static ChatTurn FoldTurn(ChatTurn turn, int excerptBytes)
    {
        if (Encoding.UTF8.GetByteCount(turn.Text) <= excerptBytes)
        {
            return turn;
        }

        var excerpt = CutToBytes(turn.Text, excerptBytes);
        var marker = string.Create(
            CultureInfo.InvariantCulture,
            $"… [folded: {turn.Text.Length} characters]");
        return turn with { Text = excerpt + marker };
    }

    /// <summary>Returns the longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    private static string CutToBytes(string text, int maxBytes)
    {
        var bytes = 0;
        var length = 0;
        while (length < text.Length)
        {
            var width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(length, width));
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            length += width;
        }

        return text[..length];
    }
}
