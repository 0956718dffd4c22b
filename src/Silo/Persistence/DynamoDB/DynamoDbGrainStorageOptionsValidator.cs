using System.Text.RegularExpressions;
using Orleans;
using Orleans.Runtime;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Checks one named <see cref="DynamoDbGrainStorageOptions"/> when the silo starts, so that a wrong setting stops the
/// silo with a message naming the setting instead of failing on the first grain write.
/// </summary>
public sealed partial class DynamoDbGrainStorageOptionsValidator : IConfigurationValidator
{
    private readonly DynamoDbGrainStorageOptions _options;
    private readonly string _name;

    public DynamoDbGrainStorageOptionsValidator(DynamoDbGrainStorageOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        _options = options;
        _name = name;
    }

    /// <inheritdoc />
    /// <exception cref="OrleansConfigurationException">A setting is missing or invalid.</exception>
    public void ValidateConfiguration()
    {
        var prefix = $"Invalid {nameof(DynamoDbGrainStorageOptions)} for DynamoDB grain storage '{_name}':";

        // DynamoDB table names: 3 to 255 characters from letters, digits, '_', '-' and '.'.
        if (_options.TableName is null || !TableNamePattern().IsMatch(_options.TableName))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.TableName)} '{_options.TableName}' is not a valid "
                + "DynamoDB table name. Use 3 to 255 characters from letters, digits, '_', '-' and '.'.");
        }

        if (!string.IsNullOrEmpty(_options.ServiceUrl)
            && (!Uri.TryCreate(_options.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps)))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.ServiceUrl)} '{_options.ServiceUrl}' is not an absolute "
                + "http or https URL. Set it to the endpoint, for example 'http://127.0.0.1:4567', or leave it unset "
                + "for AWS.");
        }

        if (!string.IsNullOrEmpty(_options.Region) && !RegionPattern().IsMatch(_options.Region))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.Region)} '{_options.Region}' is not an AWS region name. "
                + "Use a system name such as 'eu-west-1', or leave it unset to use the SDK's default region.");
        }

        if (_options.TableActiveTimeout <= TimeSpan.Zero || _options.TableActiveTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.TableActiveTimeout)} is {_options.TableActiveTimeout}. "
                + "Set it to a duration between one second and 24 days "
                + $"(default {DynamoDbGrainStorageOptions.DefaultTableActiveTimeout}).");
        }

        if (_options.CompressionThreshold < 0)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.CompressionThreshold)} is "
                + $"{_options.CompressionThreshold}. Set it to 0 or more bytes "
                + $"(default {DynamoDbGrainStorageOptions.DefaultCompressionThreshold}).");
        }

        ValidateTimeToLive(prefix);

        if (!Enum.IsDefined(_options.ClearMode))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.ClearMode)} is {(int)_options.ClearMode}, which is not a "
                + $"{nameof(DynamoDbClearMode)} value. Use Tombstone or Delete.");
        }

        if (_options.GrainStorageSerializer is null)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.GrainStorageSerializer)} is not set and the silo has "
                + "no default IGrainStorageSerializer. Set the option or register a serializer.");
        }
    }

    private void ValidateTimeToLive(string prefix)
    {
        if (_options.TimeToLive is { } lifetime && (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(36_500)))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.TimeToLive)} is {lifetime}. Set it to a positive "
                + "duration of at most 100 years, or leave it unset to write no expiry.");
        }

        var attribute = _options.TimeToLiveAttributeName;
        if (string.IsNullOrWhiteSpace(attribute) || attribute.Length > 255)
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.TimeToLiveAttributeName)} '{attribute}' is empty or "
                + "longer than 255 characters. Set it to the table's TTL attribute name "
                + $"(default '{DynamoDbGrainStorageOptions.DefaultTimeToLiveAttributeName}').");
        }

        if (DynamoDbGrainTable.ReservedNames.Contains(attribute))
        {
            throw new OrleansConfigurationException(
                $"{prefix} {nameof(DynamoDbGrainStorageOptions.TimeToLiveAttributeName)} '{attribute}' is an attribute "
                + $"the provider already uses ({string.Join(", ", DynamoDbGrainTable.ReservedNames)}). Choose another "
                + "name.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();
}
