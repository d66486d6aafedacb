using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json describes the app's JSON API: it parses as OpenAPI, names every /api route of the endpoint table
/// (read from the running host, so a new route cannot be left out), and each answer is a named type, never an anonymous one.
/// </summary>
public partial class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_parses_lists_every_api_route_and_each_answer_is_a_named_type()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("openapi"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        // Public, like the reading API it describes.
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        var read = Microsoft.OpenApi.OpenApiDocument.Parse(text, "json");
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0,
            "the OpenAPI reader found errors: " + string.Join("; ", read.Diagnostic?.Errors.Select(e => e.Message) ?? []));
        Assert.NotNull(read.Document);

        using var json = JsonDocument.Parse(text);
        var paths = json.RootElement.GetProperty("paths");
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");

        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(routes, r => r.Path == "/api/search");
        Assert.Contains(routes, r => r.Path == "/api/admin/audit");
        foreach (var (path, methods) in routes)
        {
            var documented = Constraint().Replace(path, "{$1}");
            Assert.True(paths.TryGetProperty(documented, out var item), $"{path} is in the endpoint table but not in /openapi/v1.json");
            Assert.NotEmpty(methods); // an any-method /api route would be described by no operation
            foreach (var method in methods)
            {
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in /openapi/v1.json");
                var responses = operation.GetProperty("responses").EnumerateObject().ToList();
                Assert.True(responses.Any(r => r.Name.StartsWith('2') && r.Value.TryGetProperty("content", out _)),
                    $"{method} {path} describes no JSON answer: return TypedResults (or declare Produces<T>) with a named record");
                foreach (var answer in responses)
                {
                    if (!answer.Value.TryGetProperty("content", out var content)) continue;
                    foreach (var media in content.EnumerateObject())
                        AssertNamed(media.Value.GetProperty("schema"), $"{method} {path} {answer.Name} {media.Name}");
                }
            }
        }
        // The admin API says how it refuses anonymous callers and other roles.
        var audit = paths.GetProperty("/api/admin/audit").GetProperty("get").GetProperty("responses");
        Assert.True(audit.TryGetProperty("401", out _) && audit.TryGetProperty("403", out _), audit.ToString());
        // The health check too, and no schema anywhere is an anonymous type.
        Assert.True(paths.TryGetProperty("/health", out _));
        foreach (var schema in schemas.EnumerateObject())
            Assert.Matches(NamedType(), schema.Name);
        // IIIF is described by its own specifications, not here (see Hosting/OpenApiDocument.cs).
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/iiif/", StringComparison.Ordinal));
    }

    /// <summary>A response schema is a reference to a named component (or a list of them), not an inline object.</summary>
    private static void AssertNamed(JsonElement schema, string where)
    {
        if (schema.TryGetProperty("items", out var items) && !schema.TryGetProperty("$ref", out _))
        {
            AssertNamed(items, where);
            return;
        }
        Assert.True(schema.TryGetProperty("$ref", out var reference), $"{where}: the schema is inline, not a named type: {schema}");
        var name = reference.GetString()!.Split('/')[^1];
        Assert.Matches(NamedType(), name);
    }

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial Regex Constraint();

    /// <summary>A type's own name: no compiler-made names (&lt;&gt;f__AnonymousType0), no generic arity.</summary>
    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex NamedType();
}
