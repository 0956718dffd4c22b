using MedifyAI.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace MedifyAI.Tests.Deployment;

/// <summary>The YAML documents under k8s/, parsed with YamlDotNet, with lookups by kind and name.</summary>
public sealed class KubernetesManifests
{
    private KubernetesManifests(IReadOnlyList<(string File, YamlMappingNode Document)> documents)
    {
        Documents = documents;
    }

    public static string Directory => Path.Combine(SharedData.RepositoryRoot, "k8s");

    public IReadOnlyList<(string File, YamlMappingNode Document)> Documents { get; }

    public static KubernetesManifests Load()
    {
        var documents = new List<(string, YamlMappingNode)>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            foreach (var document in stream.Documents)
            {
                documents.Add((Path.GetFileName(file), (YamlMappingNode)document.RootNode));
            }
        }

        return new KubernetesManifests(documents);
    }

    public YamlMappingNode Single(string kind, string name) =>
        Documents.Single(entry => Text(entry.Document, "kind") == kind && Text(entry.Document, "metadata", "name") == name).Document;

    /// <summary>Returns the scalar at <paramref name="path"/>, or null when a step is missing.</summary>
    public static string? Text(YamlNode node, params string[] path) => Node(node, path) is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Returns the node at <paramref name="path"/> of mapping keys, or null when a step is missing.</summary>
    public static YamlNode? Node(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static IEnumerable<YamlMappingNode> Items(YamlNode node, params string[] path) =>
        Node(node, path) is YamlSequenceNode sequence ? sequence.Children.Cast<YamlMappingNode>() : [];

    public static Dictionary<string, string> Labels(YamlNode node, params string[] path) =>
        Node(node, path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!)
            : [];
}
