namespace MedifyAI.Tests.Fakes;

/// <summary>A failure the fake SageMaker runtime injects into the next request.</summary>
public enum FakeSageMakerFault
{
    Throttling,
    ThrottlingAs400,
    ModelNotReady,
    Validation,
    InternalFailure,
    ServiceUnavailable,
    ModelError,
    SlowResponse,
    MalformedJson,
    StreamCutMidFrame,
    StreamBadCrc,
    ModelStreamError,

    /// <summary>An embedding endpoint returns vectors one dimension longer than configured.</summary>
    WrongDimension,
}
