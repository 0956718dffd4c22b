namespace MedifyAI.Generation.SageMaker;

/// <summary>Kinds of SageMaker Runtime failure, named after the service's error types where it has one.</summary>
public enum SageMakerErrorKind
{
    /// <summary>An error type this client does not map; see <see cref="MedifyAI.Aws.AwsServiceException.ErrorType"/>.</summary>
    Unknown,

    /// <summary><c>ValidationError</c> (400): the request or the endpoint name is invalid. Not retried.</summary>
    Validation,

    /// <summary><c>ModelError</c> (424): the model container returned an error. Not retried.</summary>
    ModelError,

    /// <summary><c>ThrottlingException</c> (429, or 400 with that type). Retried.</summary>
    Throttling,

    /// <summary><c>ModelNotReadyException</c> (429): the model is still loading. Retried.</summary>
    ModelNotReady,

    /// <summary><c>ServiceUnavailable</c> (503). Retried.</summary>
    ServiceUnavailable,

    /// <summary><c>InternalFailure</c> (500). Retried.</summary>
    InternalFailure,

    /// <summary><c>InternalDependencyException</c> (530). Retried as a 5xx.</summary>
    InternalDependency,

    /// <summary>The signature or credentials were rejected (403).</summary>
    AccessDenied,

    /// <summary><c>ModelStreamError</c> inside a response stream: the model failed after the stream began.</summary>
    ModelStreamError,

    /// <summary><c>InternalStreamFailure</c> inside a response stream.</summary>
    InternalStreamFailure,

    /// <summary>No response within the configured timeout, after every retry.</summary>
    Timeout,

    /// <summary>The response was not in the format the configured payload contract expects.</summary>
    InvalidResponse,
}
