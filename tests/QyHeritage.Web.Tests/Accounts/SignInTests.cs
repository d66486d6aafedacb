using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary>Cookie sign-in through the real form: the cookie, wrong passwords, lock-out, the throttle, signing out.</summary>
public class SignInTests
{
    private static Task<RunningHost> StartAsync(params string[] extra) =>
        RunningHost.StartAsync(TestPaths.NewTempFolder("accounts"), ["--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", .. extra]);

    private static async Task<IdentityUser> FindAsync(RunningHost host, string name)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(name))!;
    }

    [Fact]
    public async Task Signing_in_sets_an_httponly_lax_session_cookie_and_returns_to_the_page_asked_for()
    {
        await using var host = await StartAsync();
        var password = await StaffSession.CreateAsync(host, "ada", "admin");
        using var client = StaffSession.NewClient(host);

        // Anonymous: the admin page sends the browser to the form, remembering where it was going.
        using (var anonymous = await client.GetAsync("/admin/audit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/account/signin?returnUrl=%2Fadmin%2Faudit", anonymous.Headers.Location!.OriginalString);
        }
        using var signedIn = await StaffSession.PostSignInAsync(client, "ada", password, "/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/audit", signedIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("qy.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http here; Secure whenever the request is https:
        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);

        using var page = await client.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("固定性审计", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_both_languages_and_a_return_address_never_leaves_the_site()
    {
        await using var host = await StartAsync();
        var password = await StaffSession.CreateAsync(host, "ada", "admin");
        using var client = StaffSession.NewClient(host);

        using (var wrong = await StaffSession.PostSignInAsync(client, "ada", password + "x"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("用户名或密码不正确", html);
            Assert.Contains("<span lang=\"en\">Wrong user name or password.</span>", html);
            Assert.False(wrong.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("qy.session=", StringComparison.Ordinal)));
        }
        // An unknown name reads the same as a wrong password.
        using (var unknown = await StaffSession.PostSignInAsync(client, "nobody-here", password))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
            Assert.Contains("用户名或密码不正确", await unknown.Content.ReadAsStringAsync());
        }
        foreach (var elsewhere in new[] { "//evil.example/", "https://evil.example/", "/\\evil.example" })
        {
            using var other = StaffSession.NewClient(host);
            using var response = await StaffSession.PostSignInAsync(other, "ada", password, elsewhere);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var host = await StartAsync("--Qy:Accounts:LockoutFailures=3");
        var password = await StaffSession.CreateAsync(host, "ada", "admin");
        using var client = StaffSession.NewClient(host);
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await StaffSession.PostSignInAsync(client, "ada", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var user = await FindAsync(host, "ada");
        Assert.True(user.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"locked until {user.LockoutEnd}");

        using var right = await StaffSession.PostSignInAsync(client, "ada", password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var html = await right.Content.ReadAsStringAsync();
        Assert.Contains("账户已暂时锁定", html);
        Assert.Contains("the account is locked", html);
    }

    [Fact]
    public async Task The_eleventh_wrong_password_in_a_minute_is_refused_with_429_before_the_password_is_checked()
    {
        var hasher = new CountingHasher();
        // Lock-out out of the way (100 failures), so that every one of the ten reaches the password check.
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("accounts"),
            b => b.Services.AddScoped<IPasswordHasher<IdentityUser>>(_ => hasher),
            "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00", "--Qy:Accounts:LockoutFailures=100");
        await StaffSession.CreateAsync(host, "ada", "admin");
        var created = hasher.Verified;
        using var client = StaffSession.NewClient(host);
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await StaffSession.PostSignInAsync(client, "ada", "wrong-password-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        Assert.Equal(created + 10, hasher.Verified);
        Assert.Equal(10, (await FindAsync(host, "ada")).AccessFailedCount);

        using var eleventh = await StaffSession.PostSignInAsync(client, "ada", "wrong-password-10");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.NotNull(eleventh.Headers.RetryAfter);
        var html = await eleventh.Content.ReadAsStringAsync();
        Assert.Contains("登录尝试过于频繁", html);
        Assert.Contains("Too many sign-in attempts", html);
        // Not checked: the hasher was not asked and the account's failure count did not move.
        Assert.Equal(created + 10, hasher.Verified);
        Assert.Equal(10, (await FindAsync(host, "ada")).AccessFailedCount);
    }

    [Fact]
    public async Task One_address_trying_many_names_is_throttled_too()
    {
        await using var host = await StartAsync();
        using var client = StaffSession.NewClient(host);
        for (var i = 0; i < 10; i++)
        {
            using var wrong = await StaffSession.PostSignInAsync(client, "guess-" + i, "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var eleventh = await StaffSession.PostSignInAsync(client, "a-fresh-name", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
    }

    [Fact]
    public async Task Behind_the_library_proxy_each_reader_address_has_its_own_allowance_and_a_forged_one_counts_for_nothing()
    {
        // Behind a configured proxy the address is the one it forwards: a reading room full of people who share
        // the proxy are not throttled together, while one address guessing is.
        await using (var proxied = await StartAsync("--Qy:ForwardedProxies=127.0.0.1"))
        {
            using var guesser = StaffSession.NewClient(proxied);
            guesser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
            for (var i = 0; i < 10; i++)
            {
                using var wrong = await StaffSession.PostSignInAsync(guesser, "guess-" + i, "wrong-password");
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
            using (var eleventh = await StaffSession.PostSignInAsync(guesser, "guess-10", "wrong-password"))
                Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);

            using var neighbour = StaffSession.NewClient(proxied);
            neighbour.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");
            using var own = await StaffSession.PostSignInAsync(neighbour, "someone-else", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, own.StatusCode);
        }

        // With no proxy configured, a client that invents a new X-Forwarded-For each time is still one address.
        await using var direct = await StartAsync();
        using var client = StaffSession.NewClient(direct);
        for (var i = 0; i < 10; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var wrong = await StaffSession.PostSignInAsync(client, "guess-" + i, "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.99");
        using var forged = await StaffSession.PostSignInAsync(client, "guess-10", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_signing_out_everywhere_ends_the_others_too()
    {
        await using var host = await StartAsync("--Qy:Accounts:StampCheckInterval=00:00:00");
        var password = await StaffSession.CreateAsync(host, "ada", "admin");
        using var laptop = await StaffSession.SignInAsync(host, "ada", password);
        using var phone = await StaffSession.SignInAsync(host, "ada", password);
        using var desk = await StaffSession.SignInAsync(host, "ada", password);
        foreach (var c in new[] { laptop, phone, desk })
        {
            using var ok = await c.GetAsync("/api/admin/audit");
            Assert.Equal(HttpStatusCode.NotFound, ok.StatusCode); // signed in: no report yet
        }

        // The sign-out buttons are forms on the sign-in page, with their own token.
        var page = await laptop.GetStringAsync("/account/signin");
        Assert.Contains("Sign out everywhere", page);
        using (var signOut = await laptop.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = StaffSession.FormToken(page) })))
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        using (var after = await laptop.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        using (var still = await phone.GetAsync("/api/admin/audit"))
            Assert.Equal(HttpStatusCode.NotFound, still.StatusCode);

        page = await phone.GetStringAsync("/account/signin");
        var everywhere = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = StaffSession.FormToken(page) });
        using (var signOut = await phone.PostAsync("/account/signout-everywhere", everywhere))
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        foreach (var c in new[] { phone, desk })
        {
            using var after = await c.GetAsync("/api/admin/audit");
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
    }

    /// <summary>The real hasher, counting how often a password is checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _real = new();
        private int _verified;

        public int Verified => Volatile.Read(ref _verified);

        public string HashPassword(IdentityUser user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
