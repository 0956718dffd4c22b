using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;
using MedifyAI.Datasets;
using MedifyAI.Retrieval;

namespace MedifyAI.Ingestion;

/// <summary>
/// Reads the PMC-Patients CSV with CsvHelper, one row at a time. Quoted fields may span lines. A row with bad
/// quoting, the wrong number of fields, no text, no id or an invalid age is rejected and counted.
/// </summary>
public sealed class PmcPatientsCsvReader : IRecordReader
{
    private static readonly string[] RequiredColumns = ["patient_uid", "patient", "age", "gender", "title"];

    public DatasetFormat Format => DatasetFormat.PmcPatientsCsv;

    public async IAsyncEnumerable<RecordReadResult> ReadAsync(
        Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = _ => badData = true,
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
        };

        using var reader = new StreamReader(stream, leaveOpen: true);
        using var parser = new CsvParser(reader, configuration);

        if (!await parser.ReadAsync().ConfigureAwait(false))
        {
            yield break;
        }

        var header = parser.Record ?? [];
        var columns = RequiredColumns.ToDictionary(name => name, name => Array.IndexOf(header, name));
        var missing = columns.Where(column => column.Value < 0).Select(column => column.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The CSV header has no {string.Join(", ", missing)} column; the pmc-patients-csv format needs "
                + $"{string.Join(", ", RequiredColumns)}. Check the format of the source.");
        }

        while (await parser.ReadAsync().ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = parser.Record ?? [];
            var result = badData
                ? RecordReadResult.Reject(RejectionReasons.UnparseableRow)
                : row.Length != header.Length
                    ? RecordReadResult.Reject(RejectionReasons.MissingColumns)
                    : Clean(row, columns);
            badData = false;
            yield return result;
        }
    }

    private static RecordReadResult Clean(string[] row, Dictionary<string, int> columns)
    {
        var id = row[columns["patient_uid"]].Trim();
        if (id.Length == 0)
        {
            return RecordReadResult.Reject(RejectionReasons.MissingId);
        }

        var text = TextNormalizer.NormalizeWhitespace(row[columns["patient"]]);
        if (text.Length == 0)
        {
            return RecordReadResult.Reject(RejectionReasons.EmptyText);
        }

        if (AgeParser.TryParseYears(row[columns["age"]]) is not { } age)
        {
            return RecordReadResult.Reject(RejectionReasons.InvalidAge);
        }

        var gender = row[columns["gender"]].Trim().ToUpperInvariant() switch
        {
            "M" => "M",
            "F" => "F",
            _ => null,
        };

        var pmcId = id.Split('-')[0];
        return RecordReadResult.Accept(new SourceRecord
        {
            Id = id,
            Text = text,
            Kind = ReferenceKind.PatientCase,
            Title = TextNormalizer.NormalizeWhitespace(row[columns["title"]]),
            Url = $"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmcId}/",
            AgeYears = Math.Round(age, 2),
            Gender = gender,
        });
    }
}
