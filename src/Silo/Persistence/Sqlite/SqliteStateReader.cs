using Microsoft.Data.Sqlite;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// A read-only connection with its prepared SELECT, used by one read at a time.
/// </summary>
internal sealed class SqliteStateReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _select;

    public SqliteStateReader(SqliteGrainStorageOptions options, string serviceId)
    {
        _connection = SqliteConnections.OpenReader(options);
        try
        {
            _select = _connection.CreateCommand();
            _select.CommandText = SqliteSchema.SelectState;
            _select.Parameters.AddWithValue("$serviceId", serviceId);
            _select.Parameters.Add("$grainId", SqliteType.Text);
            _select.Parameters.Add("$stateName", SqliteType.Text);
            _select.Prepare();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the stored row, or returns null when the key was never written. A cleared row has a null payload.
    /// </summary>
    public StoredGrainState? Read(string grainId, string stateName)
    {
        _select.Parameters["$grainId"].Value = grainId;
        _select.Parameters["$stateName"].Value = stateName;
        using var reader = _select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var version = reader.GetInt64(0);
        var payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        return new StoredGrainState(version, payload);
    }

    public void Dispose()
    {
        _select.Dispose();
        _connection.Dispose();
    }
}
