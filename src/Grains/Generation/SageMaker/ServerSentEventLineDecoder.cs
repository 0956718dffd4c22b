using System.Text;

namespace MedifyAI.Generation.SageMaker;

/// <summary>
/// Splits server-sent-event bytes that arrive in arbitrary pieces into the values of <c>data:</c> lines. A line,
/// or a multi-byte UTF-8 character, may span pieces. Other fields, comments and blank lines are skipped.
/// </summary>
internal sealed class ServerSentEventLineDecoder
{
    private readonly List<byte> _pending = [];

    /// <summary>Appends a piece and returns the data values of the lines it completed.</summary>
    public IReadOnlyList<string> Append(ReadOnlySpan<byte> piece)
    {
        var values = new List<string>();
        foreach (var b in piece)
        {
            if (b == (byte)'\n')
            {
                AddLine(values);
            }
            else
            {
                _pending.Add(b);
            }
        }

        return values;
    }

    /// <summary>Returns the data value of a last line that had no newline, if any.</summary>
    public IReadOnlyList<string> Complete()
    {
        var values = new List<string>();
        if (_pending.Count > 0)
        {
            AddLine(values);
        }

        return values;
    }

    private void AddLine(List<string> values)
    {
        var line = Encoding.UTF8.GetString([.. _pending]).TrimEnd('\r');
        _pending.Clear();
        if (!line.StartsWith("data:", StringComparison.Ordinal))
        {
            return;
        }

        var value = line["data:".Length..];
        values.Add(value.StartsWith(' ') ? value[1..] : value);
    }
}
