using System.Text;
using System.Text.Json.Nodes;
using MedifyAI.Aws.EventStream;
using MedifyAI.Generation.SageMaker;
using MedifyAI.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace MedifyAI.Tests.Generation.SageMaker;

public sealed class SageMakerChatClientTests : IAsyncLifetime
{
    private const string ExpectedReply = "You said: I have had a headache since Monday. Please rest and drink fluids.";

    private FakeSageMakerRuntime _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeSageMakerRuntime.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task GetResponse_MessagesPayload_ReturnsReplyAndUsage()
    {
        await using var provider = SageMakerTestHost.Build(_fake);

        var response = await provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation());

        Assert.Equal(ExpectedReply, response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(21, response.Usage?.InputTokenCount);
        Assert.Equal(14, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("/endpoints/openbiollm-8b/invocations", request.Path);
        Assert.Equal("application/json", request.Headers["Accept"]);
        Assert.Equal("session=test-1", request.Headers["X-Amzn-SageMaker-Custom-Attributes"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("system", (string?)body["messages"]![0]!["role"]);
        Assert.Equal(512, (int?)body["max_tokens"]);
        Assert.False((bool?)body["stream"]);
    }

    [Fact]
    public async Task GetResponse_TextPayload_ReturnsReplyWithoutPrompt()
    {
        await using var provider = SageMakerTestHost.Build(_fake, payloadFormat: "Text");

        var response = await provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation());

        Assert.Equal(ExpectedReply, response.Text);
        Assert.Equal(14, response.Usage?.OutputTokenCount);
        var body = JsonNode.Parse(Assert.Single(_fake.Requests).Body)!;
        var inputs = (string)body["inputs"]!;
        Assert.StartsWith(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a careful medical assistant.<|eot_id|>",
            inputs,
            StringComparison.Ordinal);
        Assert.EndsWith("<|start_header_id|>assistant<|end_header_id|>\n\n", inputs, StringComparison.Ordinal);
        Assert.False((bool?)body["parameters"]!["return_full_text"]);
        Assert.Equal("<|eot_id|>", (string?)body["parameters"]!["stop"]![0]);
    }

    [Theory]
    [InlineData("Messages")]
    [InlineData("Text")]
    public async Task GetStreamingResponse_BothPayloads_ConcatenatesParts(string payloadFormat)
    {
        await using var provider = SageMakerTestHost.Build(_fake, payloadFormat: payloadFormat);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in provider.ChatClient().GetStreamingResponseAsync(SageMakerTestHost.Conversation()))
        {
            updates.Add(update);
        }

        Assert.Equal(ExpectedReply, string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count > 5, $"expected one update per token, got {updates.Count}");
        Assert.Contains(updates, u => u.Contents.OfType<UsageContent>().Any());
        Assert.Contains(updates, u => u.FinishReason == ChatFinishReason.Stop);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal("/endpoints/openbiollm-8b/invocations-response-stream", request.Path);
        Assert.Equal("text/event-stream", request.Headers["X-Amzn-SageMaker-Accept"]);
    }

    [Fact]
    public async Task GetStreamingResponse_LongReply_IsCapped()
    {
        await using var provider = SageMakerTestHost.Build(_fake, maxResponseCharacters: 20);

        var text = new StringBuilder();
        await foreach (var update in provider.ChatClient().GetStreamingResponseAsync(SageMakerTestHost.Conversation()))
        {
            text.Append(update.Text);
        }

        Assert.Equal(ExpectedReply[..20], text.ToString());
    }

    [Fact]
    public async Task GetResponse_WrongSecret_RejectedWith403()
    {
        await using var provider = SageMakerTestHost.Build(_fake, secretKey: "not-the-secret");

        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(SageMakerErrorKind.AccessDenied, error.Kind);
        Assert.Equal(403, (int)error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Single(_fake.Requests);
    }

    [Theory]
    [InlineData(FakeSageMakerFault.Throttling)]
    [InlineData(FakeSageMakerFault.ModelNotReady)]
    [InlineData(FakeSageMakerFault.InternalFailure)]
    [InlineData(FakeSageMakerFault.ServiceUnavailable)]
    public async Task GetResponse_TransientFault_RetriedThenSucceeds(FakeSageMakerFault fault)
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(fault);

        var response = await provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation());

        Assert.Equal(ExpectedReply, response.Text);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Theory]
    [InlineData(FakeSageMakerFault.Throttling, SageMakerErrorKind.Throttling, 429)]
    [InlineData(FakeSageMakerFault.ModelNotReady, SageMakerErrorKind.ModelNotReady, 429)]
    [InlineData(FakeSageMakerFault.InternalFailure, SageMakerErrorKind.InternalFailure, 500)]
    [InlineData(FakeSageMakerFault.ServiceUnavailable, SageMakerErrorKind.ServiceUnavailable, 503)]
    public async Task GetResponse_PersistentTransientFault_ThrowsAfterRetries(
        FakeSageMakerFault fault,
        SageMakerErrorKind kind,
        int status)
    {
        await using var provider = SageMakerTestHost.Build(_fake, maxRetryAttempts: 2);
        for (var i = 0; i < 3; i++)
        {
            _fake.EnqueueFault(fault);
        }

        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, (int)error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _fake.Requests.Count);
    }

    [Theory]
    [InlineData(FakeSageMakerFault.Validation, SageMakerErrorKind.Validation, 400)]
    [InlineData(FakeSageMakerFault.ThrottlingAs400, SageMakerErrorKind.Throttling, 400)]
    [InlineData(FakeSageMakerFault.ModelError, SageMakerErrorKind.ModelError, 424)]
    public async Task GetResponse_ClientFault_NotRetried(FakeSageMakerFault fault, SageMakerErrorKind kind, int status)
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(fault);

        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, (int)error.StatusCode);
        Assert.NotNull(error.RequestId);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task GetResponse_ModelError_CarriesContainerDetails()
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(FakeSageMakerFault.ModelError);

        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(500, error.OriginalStatusCode);
        Assert.Equal("CUDA out of memory", error.OriginalMessage);
        Assert.StartsWith("arn:aws:logs:us-east-1:", error.LogStreamArn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponse_MalformedJson_ThrowsInvalidResponse()
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(FakeSageMakerFault.MalformedJson);

        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(SageMakerErrorKind.InvalidResponse, error.Kind);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task GetResponse_SlowEndpoint_TimesOutAfterRetries()
    {
        await using var provider = SageMakerTestHost.Build(_fake, timeout: "00:00:00.300", maxRetryAttempts: 1);
        _fake.EnqueueFault(FakeSageMakerFault.SlowResponse);
        _fake.EnqueueFault(FakeSageMakerFault.SlowResponse);

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<SageMakerException>(
            () => provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation()));

        Assert.Equal(SageMakerErrorKind.Timeout, error.Kind);
        Assert.Equal(2, _fake.Requests.Count);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "the timeout did not cut the slow responses");
    }

    [Fact]
    public async Task GetResponse_SlowOnce_RetrySucceeds()
    {
        await using var provider = SageMakerTestHost.Build(_fake, timeout: "00:00:00.300", maxRetryAttempts: 1);
        _fake.EnqueueFault(FakeSageMakerFault.SlowResponse);

        var response = await provider.ChatClient().GetResponseAsync(SageMakerTestHost.Conversation());

        Assert.Equal(ExpectedReply, response.Text);
        Assert.Equal(2, _fake.Requests.Count);
    }

    [Theory]
    [InlineData(FakeSageMakerFault.StreamCutMidFrame, EventStreamErrorKind.Truncated)]
    [InlineData(FakeSageMakerFault.StreamBadCrc, EventStreamErrorKind.MessageChecksumMismatch)]
    public async Task GetStreamingResponse_CorruptStream_ThrowsAndIsNotReplayed(
        FakeSageMakerFault fault,
        EventStreamErrorKind kind)
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(fault);

        var received = new StringBuilder();
        var error = await Assert.ThrowsAsync<EventStreamException>(async () =>
        {
            await foreach (var update in provider.ChatClient().GetStreamingResponseAsync(SageMakerTestHost.Conversation()))
            {
                received.Append(update.Text);
            }

            Assert.Fail($"The stream ended without an error after {_fake.Requests.Count} requests: '{received}'.");
        });

        Assert.Equal(kind, error.Kind);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task GetStreamingResponse_ModelStreamError_ThrowsTypedError()
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(FakeSageMakerFault.ModelStreamError);

        var error = await Assert.ThrowsAsync<SageMakerException>(async () =>
        {
            await foreach (var _ in provider.ChatClient().GetStreamingResponseAsync(SageMakerTestHost.Conversation()))
            {
            }
        });

        Assert.Equal(SageMakerErrorKind.ModelStreamError, error.Kind);
        Assert.Equal("ModelStreamTimeout", error.StreamErrorCode);
        Assert.Single(_fake.Requests);
    }

    [Fact]
    public async Task GetStreamingResponse_ThrottledBeforeStream_Retried()
    {
        await using var provider = SageMakerTestHost.Build(_fake);
        _fake.EnqueueFault(FakeSageMakerFault.Throttling);

        var text = new StringBuilder();
        await foreach (var update in provider.ChatClient().GetStreamingResponseAsync(SageMakerTestHost.Conversation()))
        {
            text.Append(update.Text);
        }

        Assert.Equal(ExpectedReply, text.ToString());
        Assert.Equal(2, _fake.Requests.Count);
    }
}
