using System.Text.Json.Nodes;

namespace MedifyAI.Tests.Fakes;

/// <summary>One index of the fake OpenSearch: its mapping and its documents by id.</summary>
public sealed class FakeOpenSearchIndex
{
    public FakeOpenSearchIndex(string name, JsonObject body)
    {
        Name = name;
        Body = body;
    }

    public string Name { get; }

    /// <summary>Index creation body as received.</summary>
    public JsonObject Body { get; }

    /// <summary>Documents by id; guarded by locking the dictionary.</summary>
    public Dictionary<string, JsonObject> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>Mapping of the <c>knn_vector</c> field, or null when the index has none.</summary>
    public (string Field, int Dimension, string SpaceType, string Engine)? VectorField
    {
        get
        {
            foreach (var (name, mapping) in Body["mappings"]?["properties"]?.AsObject() ?? [])
            {
                if ((string?)mapping?["type"] == "knn_vector")
                {
                    return (name, (int)mapping["dimension"]!, (string?)mapping["method"]?["space_type"] ?? "l2",
                        (string?)mapping["method"]?["engine"] ?? "faiss");
                }
            }

            return null;
        }
    }
}
