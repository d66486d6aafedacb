using System.Net;
using Microsoft.Playwright;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary>A signed-in curator changes their password on /account/password in a real browser (Debian's chromium).</summary>
public class PasswordChangeBrowserTests
{
    [Fact]
    public async Task A_curator_changes_their_password_and_then_only_the_new_one_signs_in()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.NewTempFolder("password"), "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        var old = await StaffSession.CreateAsync(host, "李小梅", "curator");
        const string fresh = "清远 library reading room 2026";

        // Anonymous: the page sends to the sign-in form; the form without its token is refused.
        using (var anonymous = StaffSession.NewClient(host))
        using (var form = await anonymous.GetAsync("/account/password"))
        {
            Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
            Assert.StartsWith("/account/signin?returnUrl=", form.Headers.Location!.OriginalString);
        }
        using (var staff = await StaffSession.SignInAsync(host, "李小梅", old))
        {
            staff.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
            using var forged = await staff.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["currentPassword"] = old, ["newPassword"] = "forged-password-1234", ["confirmPassword"] = "forged-password-1234",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        await using var chromium = await QyHeritage.Web.Tests.Pages.PagesSite.LaunchChromiumAsync();
        var page = await chromium.Browser.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000);
        var url = (string path) => new Uri(host.Client.BaseAddress!, path).ToString();
        await page.GotoAsync(url("/account/password"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.GetByLabel("用户名").FillAsync("李小梅");
        await page.GetByLabel("密码").FillAsync(old);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Arrival.AtAsync(page, u => u.EndsWith("/account/password", StringComparison.Ordinal), until: LoadState.DOMContentLoaded);
        Assert.Contains("李小梅", await page.Locator("#signed-in-as").InnerTextAsync());

        // A wrong current password is refused in both languages, and nothing changes.
        await page.GetByLabel("当前密码").FillAsync("not-the-password");
        await page.GetByLabel("新密码（").FillAsync(fresh);
        await page.GetByLabel("再次输入新密码").FillAsync(fresh);
        await page.GetByRole(AriaRole.Button, new() { Name = "更改密码" }).ClickAsync();
        await page.Locator(".problem").WaitForAsync();
        Assert.Contains("当前密码不正确。", await page.Locator(".problem").InnerTextAsync());
        Assert.Contains("The current password is wrong.", await page.Locator(".problem").InnerTextAsync());

        await page.GetByLabel("当前密码").FillAsync(old);
        await page.GetByLabel("新密码（").FillAsync(fresh);
        await page.GetByLabel("再次输入新密码").FillAsync(fresh);
        await page.GetByRole(AriaRole.Button, new() { Name = "更改密码" }).ClickAsync();
        await page.Locator("#password-changed").WaitForAsync();
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", nameof(PasswordChangeBrowserTests));
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "password-changed.png") });
        // This session goes on after the change.
        await page.GotoAsync(url("/account/password"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.EndsWith("/account/password", page.Url);

        using (var withOld = StaffSession.NewClient(host))
        using (var refused = await StaffSession.PostSignInAsync(withOld, "李小梅", old))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var withNew = StaffSession.NewClient(host))
        using (var accepted = await StaffSession.PostSignInAsync(withNew, "李小梅", fresh))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}
