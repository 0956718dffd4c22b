using System.Runtime.CompilerServices;
using System.Text.Json;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;

namespace MedifyAI.Ingestion;

/// <summary>
/// Reads JSON lines: MedQuAD question-answer pairs (key <c>qid</c>) or generic records with <c>id</c>,
/// <c>text</c> and optional <c>title</c> and <c>url</c>. Blank lines are skipped; a line that is not a JSON
/// object is rejected as unparseable.
/// </summary>
public sealed class JsonLinesReader(DatasetFormat format) : IRecordReader
{
    public DatasetFormat Format => format;

    public async IAsyncEnumerable<RecordReadResult> ReadAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line);
        }
    }

    private RecordReadResult Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return RecordReadResult.Reject(RejectionReasons.UnparseableRow);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RecordReadResult.Reject(RejectionReasons.UnparseableRow);
            }

            return format == DatasetFormat.MedquadJsonl ? CleanMedquad(root) : CleanGeneric(root);
        }
    }

    private static RecordReadResult CleanMedquad(JsonElement root)
    {
        var id = ReadString(root, "qid");
        if (string.IsNullOrWhiteSpace(id))
        {
            return RecordReadResult.Reject(RejectionReasons.MissingId);
        }

        var question = TextNormalizer.NormalizeWhitespace(ReadString(root, "question"));
        var answer = TextNormalizer.NormalizeWhitespace(ReadString(root, "answer"));
        if (answer.Length == 0)
        {
            return RecordReadResult.Reject(RejectionReasons.EmptyText);
        }

        return RecordReadResult.Accept(new SourceRecord
        {
            Id = id.Trim(),
            Text = question.Length == 0 ? answer : $"{question} {answer}",
            Kind = ReferenceKind.MedicalAnswer,
            Title = question.Length == 0 ? TextNormalizer.NormalizeWhitespace(ReadString(root, "focus")) : question,
            Url = ReadString(root, "url"),
        });
    }

    private static RecordReadResult CleanGeneric(JsonElement root)
    {
        var id = ReadString(root, "id");
        if (string.IsNullOrWhiteSpace(id))
        {
            return RecordReadResult.Reject(RejectionReasons.MissingId);
        }

        var text = TextNormalizer.NormalizeWhitespace(ReadString(root, "text"));
        if (text.Length == 0)
        {
            return RecordReadResult.Reject(RejectionReasons.EmptyText);
        }

        var metadata = root.TryGetProperty("metadata", out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;
        return RecordReadResult.Accept(new SourceRecord
        {
            Id = id.Trim(),
            Text = text,
            Kind = ReferenceKind.Passage,
            Title = ReadString(root, "title") ?? ReadString(metadata, "title"),
            Url = ReadString(root, "url") ?? ReadString(metadata, "url"),
        });
    }

    /// <summary>Reads a string or number property as text; null when absent or of another type.</summary>
    private static string? ReadString(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
