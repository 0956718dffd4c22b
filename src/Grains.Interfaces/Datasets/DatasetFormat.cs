namespace MedifyAI.Datasets;

/// <summary>File formats an ingestion run can read.</summary>
[GenerateSerializer, Alias("MedifyAI.Datasets.DatasetFormat")]
public enum DatasetFormat
{
    /// <summary>The PMC-Patients CSV: one published patient summary per row, keyed by <c>patient_uid</c>.</summary>
    PmcPatientsCsv = 0,

    /// <summary>MedQuAD question-answer pairs as JSON lines, keyed by <c>qid</c>.</summary>
    MedquadJsonl = 1,

    /// <summary>JSON lines with <c>id</c>, <c>text</c> and optional <c>title</c>, <c>url</c> and <c>metadata</c>.</summary>
    JsonLines = 2,
}
