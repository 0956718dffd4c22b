using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace MedifyAI.Benchmarks.Retrieval;

/// <summary>The PMC-Patients slice with each patient's graded similar patients, read for the retrieval benchmark.</summary>
internal sealed partial class PmcSlice
{
    private PmcSlice(List<string> header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public List<string> Header { get; }

    public List<string[]> Rows { get; }

    /// <summary>The slice in the shared dataset folder: <c>MEDIFYAI_SHARED_DATA</c>, else <c>../shared/data</c>.</summary>
    public static string DefaultPath => Path.GetFullPath(Path.Combine(
        Environment.GetEnvironmentVariable("MEDIFYAI_SHARED_DATA") ?? Path.Combine("..", "shared", "data"),
        "pmc-patients",
        "PMC-Patients-sample-1000.csv"));

    public static PmcSlice Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!.ToList();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Parser.Record!);
        }

        return new PmcSlice(header, rows);
    }

    public string Column(string[] row, string name) => row[Header.IndexOf(name)];

    /// <summary>Ids in a Python-literal dict such as <c>{'7665777-2': 2, '7665777-3': 1}</c>.</summary>
    public static IReadOnlyList<string> SimilarIds(string value) =>
        DictionaryKey().Matches(value).Select(match => match.Groups[1].Value).ToList();

    [GeneratedRegex(@"'([0-9]+-[0-9]+)'\s*:")]
    private static partial Regex DictionaryKey();
}
