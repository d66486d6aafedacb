using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Hosting;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Security;

/// <summary>
/// The whole endpoint table, read from the running host: everything but a short public list needs a role, and
/// each protected route, asked anonymously, answers 401 (APIs) or sends to the sign-in form (pages). A route
/// added later without a role fails here (a state-changing one is also closed at run time by the pipeline).
/// </summary>
public partial class EndpointTableTests
{
    /// <summary>Public reading: GET and HEAD under these paths (a prefix ending in '/' covers what is below it).</summary>
    private static readonly string[] PublicReading =
    [
        "/", "/search", "/items/", "/collections/", "/exhibitions", "/exhibitions/", "/api/items", "/api/items/", "/api/search", "/api/search/",
        "/iiif/", "/thumbnails/", "/health", "/metrics", "/openapi/", "/account/signin", "/api/account/antiforgery",
        // The reader's language choice (a cookie, then back to the page) and the bilingual 404 page for any other address.
        "/language/", "/{*path:nonfile}",
        // Halls: the page, the GLB and the hall's service worker (public reading, like the exhibition story).
        "/halls/",
        // Live tours: the join form and a pupil's page (pupils have no account; the page shows a published exhibition).
        "/tours/join", "/tours/{id}/pupil", "/hubs/tours", "/hubs/tours/negotiate",
        // Static files (the front-end build's fingerprinted assets, the framework's scripts).
        "/dist/", "/assets/", "/css/", "/js/", "/lib/", "/_content/", "/_framework/", "/favicon.ico", "/robots.txt",
    ];

    /// <summary>The only state change open to anyone: signing in.</summary>
    private static readonly string[] PublicStateChanges =
    [
        "POST /account/signin",
        // Joining a live tour (throttled), and the tour hub: pupils connect without an account; each guide method
        // checks the guide's role itself (Tours/TourHubTests).
        "POST /tours/join",
        "POST /hubs/tours/negotiate", "PUT /hubs/tours/negotiate", "DELETE /hubs/tours/negotiate",
        "POST /hubs/tours", "PUT /hubs/tours", "DELETE /hubs/tours",
    ];

    private static bool IsPublicReading(string path) =>
        PublicReading.Any(p => path == p || (p.EndsWith('/') && p.Length > 1 && path.StartsWith(p, StringComparison.Ordinal)));

    private static string Path(RouteEndpoint e) => "/" + e.RoutePattern.RawText!.TrimStart('/');

    /// <summary>A concrete URL for a pattern: every parameter filled in.</summary>
    private static string Fill(string pattern) => Parameter().Replace(pattern, m => m.Groups[1].Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x");

    private static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? [.. m] : ["GET", "POST", "PUT", "DELETE"]; // any method

    [Fact]
    public async Task Every_route_outside_the_public_list_needs_a_role_and_refuses_anonymous_callers()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("endpoints"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        using var anonymous = StaffSession.NewClient(host);
        var protectedRoutes = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var path = Path(endpoint);
            foreach (var method in Methods(endpoint))
            {
                var route = $"{method} {path}";
                var stateChange = SecurityPipeline.IsStateChange(method);
                if (!stateChange && IsPublicReading(path)) continue;
                if (PublicStateChanges.Contains(route))
                {
                    Assert.True(endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null, $"{route} is public: it should say so with AllowAnonymous()");
                    continue;
                }
                // A reading route needs its own rule; a state-changing one may also rely on the pipeline's default (a staff role).
                Assert.True(SecurityPipeline.RequiresAuthorization(endpoint.Metadata) || (stateChange && !SecurityPipeline.DeclaresAccess(endpoint.Metadata)),
                    $"{route} is not in the public list and needs no role: add RequireAuthorization(AccountPolicies...) to it, " +
                    "or, if it is public reading, add it to PublicReading in this test");
                protectedRoutes.Add(route);

                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
                if (stateChange) request.Content = new FormUrlEncodedContent([]);
                using var response = await anonymous.SendAsync(request);
                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"anonymous {route}: {(int)response.StatusCode}, not 401");
                    Assert.Contains("需要登录", await response.Content.ReadAsStringAsync());
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"anonymous {route}: {(int)response.StatusCode}, not a redirect to the sign-in form");
                    Assert.StartsWith("/account/signin?returnUrl=", response.Headers.Location!.OriginalString);
                }
            }
        }
        // The ones this issue is about are among them (the list is not empty by accident).
        Assert.Contains("GET /admin/audit", protectedRoutes);
        Assert.Contains("POST /admin/audit", protectedRoutes);
        Assert.Contains("GET /api/admin/audit", protectedRoutes);
        Assert.Contains("POST /api/admin/audit", protectedRoutes);
        Assert.Contains("POST /account/signout-everywhere", protectedRoutes);
        Assert.Contains("POST /metrics", protectedRoutes);
        Assert.Contains("POST /tours", protectedRoutes);
        Assert.Contains("POST /tours/guides", protectedRoutes);
        Assert.Contains("GET /tours/{id}/summary.csv", protectedRoutes); // any-method route: its POST is closed by the pipeline's default
        Assert.Contains("POST /api/workshop/exhibitions/{id}/exhibits/{exhibit}/take-newer", protectedRoutes);
        Assert.Contains("GET /workshop/transcriptions", protectedRoutes);
        Assert.Contains("GET /workshop/transcriptions/{Id}/{N:int}", protectedRoutes);
        Assert.Contains("PUT /api/workshop/items/{id}/pages/{page}/transcription", protectedRoutes);
    }

    [Fact]
    public async Task A_signed_in_account_without_the_admin_role_is_refused_403_in_both_languages()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("endpoints"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        foreach (var role in new[] { "curator", "guide" })
        {
            using var staff = await StaffSession.SignedInAsync(host, role);
            using (var page = await staff.GetAsync("/admin/audit"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
                var html = await page.Content.ReadAsStringAsync();
                Assert.Contains("没有权限", html);
                Assert.Contains("<span lang=\"en\" class=\"en\">Your account", html);
                Assert.Contains("role does not allow this.</span>", html);
            }
            using (var api = await staff.GetAsync("/api/admin/audit"))
            {
                Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
                Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
            }
            using (var start = await staff.PostAsync("/api/admin/audit", null))
                Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
            using (var api = await staff.GetAsync("/api/admin/audit"))
                Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode); // nothing was started either
        }
    }

    [GeneratedRegex(@"\{\**([^}]+)\}")]
    private static partial Regex Parameter();
}
