using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MedifyAI.Api.Hosting;

/// <summary>Fails start-up with a message naming the <c>MedifyAI:Cluster:*</c> key when the cluster settings are wrong.</summary>
public static class ClusterSettingsValidator
{
    public static void ThrowIfInvalid(ClusterSettings settings)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            var first = results[0];
            throw new OptionsValidationException(
                ClusterSettings.SectionName,
                typeof(ClusterSettings),
                [$"MedifyAI:Cluster:{string.Join(",", first.MemberNames)} is invalid: {first.ErrorMessage}"]);
        }

        if (settings.Clustering == ClusteringProvider.AdoNet && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new OptionsValidationException(
                ClusterSettings.SectionName,
                typeof(ClusterSettings),
                ["MedifyAI:Cluster:ConnectionString is required when MedifyAI:Cluster:Clustering is AdoNet: set the PostgreSQL connection string of the membership database."]);
        }
    }
}
