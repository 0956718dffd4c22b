using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedifyAI.Generation;

/// <summary>Logs at start-up which component writes the replies.</summary>
internal sealed class GenerationStartupLog(IOptions<GenerationOptions> options, ILogger<GenerationStartupLog> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GenerationLog.ProviderSelected(logger, options.Value.Provider, options.Value.SourceName);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
