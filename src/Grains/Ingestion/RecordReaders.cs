using MedifyAI.Datasets;

namespace MedifyAI.Ingestion;

/// <summary>Returns the reader for a format.</summary>
public static class RecordReaders
{
    public static IRecordReader For(DatasetFormat format) => format switch
    {
        DatasetFormat.PmcPatientsCsv => new PmcPatientsCsvReader(),
        DatasetFormat.MedquadJsonl or DatasetFormat.JsonLines => new JsonLinesReader(format),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown dataset format."),
    };
}
