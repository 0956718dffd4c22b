using MedifyAI.Datasets;

namespace MedifyAI.Api.Datasets;

/// <summary>The format names the API accepts, as the JSON enum converter writes them.</summary>
public static class DatasetFormatNames
{
    private static readonly Dictionary<string, DatasetFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pmc-patients-csv"] = DatasetFormat.PmcPatientsCsv,
        ["medquad-jsonl"] = DatasetFormat.MedquadJsonl,
        ["json-lines"] = DatasetFormat.JsonLines,
    };

    /// <summary>The accepted names, for error messages.</summary>
    public static string Accepted => string.Join(", ", Formats.Keys);

    public static bool TryParse(string? value, out DatasetFormat format) =>
        Formats.TryGetValue(value?.Trim() ?? string.Empty, out format);
}
