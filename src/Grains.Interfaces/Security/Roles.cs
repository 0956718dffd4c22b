namespace MedifyAI.Security;

/// <summary>Role names carried in the access token's <c>role</c> claim (or a mapped group claim).</summary>
public static class Roles
{
    /// <summary>Creates sessions and uses only their own.</summary>
    public const string Patient = "patient";

    /// <summary>Reads any session and summary; every such read is audited.</summary>
    public const string Clinician = "clinician";

    /// <summary>Loads datasets, runs ingestion and reads the audit log.</summary>
    public const string Operator = "operator";
}
