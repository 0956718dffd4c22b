using Amazon.Runtime;

namespace MedifyAI.Aws;

/// <summary>
/// <see cref="DelegatingHandler"/> that signs every request with SigV4. It buffers the request content to hash it,
/// and signs again on each send, so a retry carries a fresh <c>X-Amz-Date</c>.
/// </summary>
/// <remarks>
/// Register it inside (after) any retry handler, so each attempt is signed. Credentials are fetched on every
/// request through <see cref="AWSCredentials.GetCredentialsAsync"/>, which caches and refreshes expiring
/// credentials such as those of a web identity (IRSA), a container or an instance role.
/// </remarks>
public sealed class AwsSigningHandler : DelegatingHandler
{
    private readonly AwsRequestSigner _signer;
    private readonly Func<AWSCredentials> _credentials;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the handler.</summary>
    /// <param name="signer">Signer for the target service and region.</param>
    /// <param name="credentials">
    /// Returns the credentials source; called on each request so that resolution of the default chain is deferred
    /// until the first request, and a missing configuration fails that request rather than the host start.
    /// </param>
    /// <param name="timeProvider">Clock for <c>X-Amz-Date</c>.</param>
    public AwsSigningHandler(AwsRequestSigner signer, Func<AWSCredentials> credentials, TimeProvider timeProvider)
    {
        _signer = signer;
        _credentials = credentials;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        var payload = Array.Empty<byte>();
        if (request.Content is not null)
        {
            payload = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(payload);
            foreach (var header in request.Content.Headers.NonValidated)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content.Dispose();
            request.Content = buffered;
        }

        var credentials = await _credentials().GetCredentialsAsync().ConfigureAwait(false);
        _signer.Sign(request, payload, credentials, _timeProvider.GetUtcNow());

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
