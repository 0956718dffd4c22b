namespace MedifyAI.Tests.Infrastructure;

/// <summary>Paths of the fixture files under tests/MedifyAI.Tests/Fixtures.</summary>
public static class Fixtures
{
    public static string PathOf(string name) =>
        Path.Combine(SharedData.RepositoryRoot, "tests", "MedifyAI.Tests", "Fixtures", name);

    public static string PmcSlice => SharedData.PathOf("pmc-patients/PMC-Patients-sample-1000.csv");

    public static string MedquadSample => SharedData.PathOf("medquad/medquad_answered_every8th_sample.jsonl");

    /// <summary>
    /// Writes a PMC-Patients CSV of <paramref name="rows"/> rows by resampling the shared slice, with fresh
    /// unique patient ids, so tests and benchmarks get a large file without one being stored.
    /// </summary>
    public static void WriteResampledPmc(string path, int rows)
    {
        using var reader = new StreamReader(PmcSlice);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            records.Add(csv.Parser.Record!);
        }

        var uid = Array.IndexOf(header, "patient_uid");
        using var writer = new StreamWriter(path);
        using var output = new CsvHelper.CsvWriter(writer, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in header)
        {
            output.WriteField(name);
        }

        output.NextRecord();
        for (var i = 0; i < rows; i++)
        {
            var source = records[i % records.Count];
            for (var column = 0; column < source.Length; column++)
            {
                output.WriteField(column == uid ? $"{source[column]}-r{i}" : source[column]);
            }

            output.NextRecord();
        }
    }
}
