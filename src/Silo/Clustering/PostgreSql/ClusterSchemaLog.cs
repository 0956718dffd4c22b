using Microsoft.Extensions.Logging;

namespace MedifyAI.Silo.Clustering.PostgreSql;

/// <summary>Log events of the cluster schema migration.</summary>
internal static partial class ClusterSchemaLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Connected to PostgreSQL host {Host}, database {Database}, to apply the Orleans schema")]
    public static partial void Connected(ILogger logger, string host, string database);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Applied the Orleans schema in {ElapsedMs:F0} ms")]
    public static partial void Applied(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Applying the Orleans schema failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
