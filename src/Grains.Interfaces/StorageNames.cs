namespace MedifyAI;

/// <summary>Names of the grain storage providers the grains use; the silo maps each to the configured backend.</summary>
public static class StorageNames
{
    /// <summary>Storage for patient-session grains.</summary>
    public const string Sessions = "sessions";

    /// <summary>Storage for dataset and ingestion grains.</summary>
    public const string Datasets = "datasets";

    /// <summary>Storage for the per-patient session index.</summary>
    public const string Patients = "patients";

    /// <summary>Storage for the audit log of reads by someone other than a session's owner.</summary>
    public const string Audit = "audit";
}
