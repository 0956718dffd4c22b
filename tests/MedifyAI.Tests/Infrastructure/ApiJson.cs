using System.Net.Http.Json;
using System.Text.Json;
using MedifyAI.Api.Hosting;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>JSON helpers that read API responses with the API's own serializer settings.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(Options);
        return value ?? throw new InvalidOperationException($"The response body was empty; expected {typeof(T).Name}.");
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body, Options);

    /// <summary>Posts a raw string body as JSON, for malformed-input tests.</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient http, string path, string body) =>
        http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiHostingExtensions.ConfigureApiJson(options);
        return options;
    }
}
