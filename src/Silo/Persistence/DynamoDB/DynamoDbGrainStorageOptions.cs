using Orleans.Storage;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Settings of one named <see cref="DynamoDbGrainStorage"/> provider.
/// </summary>
/// <remarks>
/// <para>
/// The DynamoDB client comes from one of three places. When <see cref="ServiceUrl"/> or <see cref="Region"/> is set
/// (an empty string counts as unset), the provider creates its own <c>AmazonDynamoDBClient</c> for that endpoint
/// with the SDK's default credential chain.
/// Otherwise it uses the <c>IAmazonDynamoDB</c> registered in the service container, and when there is none it
/// creates a client with the SDK's default region and credential chain (environment variables, the shared
/// credentials file, web identity tokens as used by IRSA on EKS, then instance metadata).
/// </para>
/// <para>
/// Records are keyed by the cluster's service id, the grain id and the state name, not by the provider name, so
/// two providers on one table see the same item for the same grain and state name.
/// </para>
/// </remarks>
public sealed class DynamoDbGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Default for <see cref="TableName"/>.</summary>
    public const string DefaultTableName = "MedifyAIGrainState";

    /// <summary>Default for <see cref="CompressionThreshold"/>: 16 KiB.</summary>
    public const int DefaultCompressionThreshold = 16 * 1024;

    /// <summary>Default for <see cref="TimeToLiveAttributeName"/>.</summary>
    public const string DefaultTimeToLiveAttributeName = "ExpiresAt";

    /// <summary>Default for <see cref="TableActiveTimeout"/>: 2 minutes.</summary>
    public static readonly TimeSpan DefaultTableActiveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Name of the DynamoDB table that holds the grain state.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Endpoint URL of a DynamoDB-compatible service, for example <c>http://127.0.0.1:4567</c> for dynalite or
    /// DynamoDB Local. Leave unset for AWS.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// AWS region system name, for example <c>eu-west-1</c>. With <see cref="ServiceUrl"/> it is the region
    /// requests are signed for (<c>us-east-1</c> when unset).
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Create the table with on-demand billing (PAY_PER_REQUEST) at start-up when it does not exist, and wait until
    /// it is ACTIVE. When false, a missing table stops the silo at start-up.
    /// </summary>
    public bool CreateTableIfNotExists { get; set; }

    /// <summary>How long start-up waits for the table to become ACTIVE.</summary>
    public TimeSpan TableActiveTimeout { get; set; } = DefaultTableActiveTimeout;

    /// <summary>
    /// Serialized payloads larger than this many bytes are Brotli-compressed before they are written; 0 compresses
    /// every payload. A compressed payload is kept only when it is smaller than the original.
    /// </summary>
    public int CompressionThreshold { get; set; } = DefaultCompressionThreshold;

    /// <summary>
    /// Lifetime of an item after its last write or clear. When set, each item carries
    /// <see cref="TimeToLiveAttributeName"/> with its expiry as Unix epoch seconds; unset writes no expiry.
    /// </summary>
    /// <remarks>
    /// NOTE: the provider does not enable TTL on the table. Enable it for <see cref="TimeToLiveAttributeName"/>
    /// (UpdateTimeToLive) where the table is provisioned, or DynamoDB keeps expired items.
    /// </remarks>
    public TimeSpan? TimeToLive { get; set; }

    /// <summary>Name of the expiry attribute written when <see cref="TimeToLive"/> is set.</summary>
    public string TimeToLiveAttributeName { get; set; } = DefaultTimeToLiveAttributeName;

    /// <summary>How a clear is stored: a tombstone item (the default) or a deleted item.</summary>
    public DynamoDbClearMode ClearMode { get; set; } = DynamoDbClearMode.Tombstone;

    /// <summary>
    /// Serializer for grain state. When left unset, the silo's default <see cref="IGrainStorageSerializer"/> is
    /// filled in by <see cref="DefaultStorageProviderSerializerOptionsConfigurator{TOptions}"/>.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
