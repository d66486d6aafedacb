using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary>
/// A staff member's browser-like session against a running host: an account made through the host's own
/// account store, signed in through the real form (anti-forgery token included), cookies kept, and the
/// X-CSRF-TOKEN header that state-changing APIs want.
/// </summary>
public static partial class StaffSession
{
    /// <summary>Creates the account with a random password, which it returns.</summary>
    public static async Task<string> CreateAsync(RunningHost host, string name, string role)
    {
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await host.Services.GetRequiredService<AccountsDatabase>().EnsureCreatedAsync();
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(name);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return password;
    }

    /// <summary>A client that does not follow redirects (tests look at them) and keeps its cookies.</summary>
    public static HttpClient NewClient(RunningHost host) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = host.Client.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>The hidden anti-forgery field of the first form on a page.</summary>
    public static string FormToken(string html) =>
        TokenField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("the page has no anti-forgery field:\n" + html);

    /// <summary>Posts the sign-in form as a browser would (GET the form for its token, POST it).</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string name, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync("/account/signin");
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = FormToken(form), ["userName"] = name, ["password"] = password };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(fields));
    }

    /// <summary>A signed-in client with the API anti-forgery header set.</summary>
    public static async Task<HttpClient> SignInAsync(RunningHost host, string name, string password)
    {
        var client = NewClient(host);
        using (var response = await PostSignInAsync(client, name, password))
        {
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"sign-in as {name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        using var token = JsonDocument.Parse(await client.GetStringAsync("/api/account/antiforgery"));
        client.DefaultRequestHeaders.Add(token.RootElement.GetProperty("headerName").GetString()!, token.RootElement.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A new account with this role, signed in.</summary>
    public static async Task<HttpClient> SignedInAsync(RunningHost host, string role, string? name = null)
    {
        name ??= role + "-" + Guid.NewGuid().ToString("N")[..8];
        return await SignInAsync(host, name, await CreateAsync(host, name, role));
    }

    /// <summary>
    /// Signs a browser page in through the real form (its Chinese labels) with <c>returnUrl</c> <paramref name="returnPath"/>,
    /// and waits until it lands there.
    /// </summary>
    public static async Task SignInPageAsync(Microsoft.Playwright.IPage page, RunningHost host, string name, string password, string returnPath = "/workshop")
    {
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/account/signin?returnUrl=" + Uri.EscapeDataString(returnPath)).ToString());
        await page.GetByLabel("用户名").FillAsync(name);
        await page.GetByLabel("密码").FillAsync(password);
        await page.Locator("form button[type=submit]").Last.ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith(returnPath, StringComparison.Ordinal));
    }

    /// <summary>An admin, signed in: what the /admin pages and APIs need.</summary>
    public static Task<HttpClient> AdminAsync(RunningHost host) => SignedInAsync(host, "admin");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
