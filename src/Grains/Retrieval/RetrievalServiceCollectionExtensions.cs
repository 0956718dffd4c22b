using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MedifyAI.Retrieval;

/// <summary>Registers the embedded retrieval stack: lexical embedder, SQLite + USearch index and the retriever.</summary>
/// <remarks>
/// The host binds and validates <see cref="VectorIndexOptions"/> and <see cref="LexicalEmbeddingOptions"/>; the
/// index folder must be set before the first grain call.
/// </remarks>
public static class RetrievalServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledgeRetrieval(this IServiceCollection services)
    {
        services.TryAddSingleton<EmbeddedVectorIndex>();
        services.TryAddSingleton<IVectorIndex>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        services.TryAddSingleton<ITermStatistics>(provider => provider.GetRequiredService<EmbeddedVectorIndex>());
        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LexicalEmbeddingGenerator>();
        services.TryAddSingleton<KnowledgeRetriever>();
        services.TryAddSingleton<IKnowledgeRetriever, DeferredKnowledgeRetriever>();
        return services;
    }
}
