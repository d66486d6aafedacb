using System.Net;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Admin;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Security;

/// <summary>Forms and state-changing APIs without the anti-forgery token are refused (400, 简体中文 and English) and change nothing.</summary>
public class AntiforgeryTests(AuditedSample sample) : IClassFixture<AuditedSample>
{
    private static readonly string[] Quiet = ["--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00"];

    [Fact]
    public async Task The_sign_in_form_without_its_token_is_refused()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("antiforgery"), Quiet);
        var password = await StaffSession.CreateAsync(host, "ada", "admin");
        using var client = StaffSession.NewClient(host);
        await client.GetStringAsync("/account/signin"); // has the cookie half, sends no form half
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "ada", ["password"] = password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("防伪令牌", html);
        Assert.Contains("anti-forgery token", html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("qy.session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_audit_button_and_the_audit_api_need_the_token_even_from_a_signed_in_admin()
    {
        await using var host = await RunningHost.StartAsync(sample.NewDataFolder(), Quiet);
        using var admin = await StaffSession.AdminAsync(host);

        // Without the header the signed-in client has for APIs: what a cross-site form or script could send.
        var header = admin.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN").Single();
        admin.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        // The page's form without its hidden field: refused, nothing started.
        using (var forged = await admin.PostAsync("/admin/audit", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("防伪令牌", await forged.Content.ReadAsStringAsync());
        }
        // The API with the session cookie but not the header.
        using (var forged = await admin.PostAsync("/api/admin/audit", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Equal("application/json", forged.Content.Headers.ContentType?.MediaType);
            var json = await forged.Content.ReadAsStringAsync();
            Assert.Contains("防伪令牌", json);
            Assert.Contains("anti-forgery token", json);
        }
        using (var none = await admin.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.DoesNotContain("审计进行中", await admin.GetStringAsync("/admin/audit"));

        // A token made for the anonymous visitor before signing in does not pass for the admin.
        using var stranger = StaffSession.NewClient(host);
        var strangers = StaffSession.FormToken(await stranger.GetStringAsync("/account/signin"));
        using (var forged = await admin.PostAsync("/admin/audit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = strangers })))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // With the page's own token the button works.
        var page = await admin.GetStringAsync("/admin/audit");
        using (var started = await admin.PostAsync("/admin/audit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = StaffSession.FormToken(page) })))
        {
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            Assert.Equal("/admin/audit", started.Headers.Location!.OriginalString);
        }
        admin.DefaultRequestHeaders.Add("X-CSRF-TOKEN", header);
        using (var again = await admin.PostAsync("/api/admin/audit", null))
            Assert.True(again.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"{(int)again.StatusCode}"); // token accepted: started, or the first still runs
    }
}
