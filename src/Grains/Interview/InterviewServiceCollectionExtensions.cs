using MedifyAI.Generation;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Interview;

/// <summary>Registers the guided interview and its reply responder.</summary>
public static class InterviewServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IGuidedInterview"/> and <see cref="GuidedReplyResponder"/> (as <see cref="IReplyResponder"/>)
    /// as singletons; both are stateless and thread-safe.
    /// </summary>
    public static IServiceCollection AddGuidedInterview(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IGuidedInterview, GuidedInterview>();
        services.AddSingleton<GuidedReplyResponder>();
        services.AddSingleton<IReplyResponder>(sp => sp.GetRequiredService<GuidedReplyResponder>());
        return services;
    }
}
