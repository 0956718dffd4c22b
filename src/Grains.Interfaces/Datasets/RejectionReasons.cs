namespace MedifyAI.Datasets;

/// <summary>Reasons a record is rejected during ingestion; each is counted separately.</summary>
public static class RejectionReasons
{
    /// <summary>The text field is missing or only whitespace.</summary>
    public const string EmptyText = "empty-text";

    /// <summary>The id field is missing or empty.</summary>
    public const string MissingId = "missing-id";

    /// <summary>An earlier record of the same run had the same id.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The row or line could not be parsed: bad quoting, invalid JSON, a field of the wrong type.</summary>
    public const string UnparseableRow = "unparseable-row";

    /// <summary>A CSV row has fewer or more fields than the header.</summary>
    public const string MissingColumns = "missing-columns";

    /// <summary>The PMC-Patients age is not a list of [value, unit] pairs with a known unit and a plausible value.</summary>
    public const string InvalidAge = "invalid-age";
}
