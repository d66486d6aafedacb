using System.Collections.Concurrent;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Admin;
using QyHeritage.Web.Tests.Hosting;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary>An admin made with <c>qy user add</c> signs in through the form in a real browser (Debian's chromium) and starts an audit.</summary>
public class SignInBrowserTests(AuditedSample sample) : IClassFixture<AuditedSample>
{

    [Fact]
    public async Task An_admin_signs_in_through_the_form_and_starts_an_audit()
    {
        var data = sample.NewDataFolder();
        var (code, output, err) = await UserCommandTests.RunQyAsync(null, "user", "add", "ada", "--role", "admin", $"--Qy:DataFolder={data}");
        Assert.True(code == 0, err);
        var password = UserCommandTests.ShownPassword(output);
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        var shots = Path.Combine(AppContext.BaseDirectory, "screenshots", nameof(SignInBrowserTests));
        Directory.CreateDirectory(shots);

        await using var chromium = await PagesSite.LaunchChromiumAsync();
        var browser = chromium.Browser;
        var page = await browser.NewPageAsync();
        page.SetDefaultNavigationTimeout(90_000); // a busy two-core machine can hold the load event past 30 s
        var refusedByCsp = new ConcurrentQueue<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) refusedByCsp.Enqueue(m.Text); };

        // The admin page sends an anonymous visitor to the form.
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/admin/audit").ToString());
        Assert.Contains("/account/signin", page.Url);
        Assert.Equal("en", await page.Locator("h1 span").GetAttributeAsync("lang"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-signin.png") });

        await page.GetByLabel("用户名").FillAsync("ada");
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Arrival.AtAsync(page, url => url.EndsWith("/admin/audit", StringComparison.Ordinal), timeout: TimeSpan.FromSeconds(30));
        Assert.Contains("尚未运行过审计", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-audit-page.png") });

        // The button's form carries its anti-forgery token; the audit runs and its result shows on the page.
        await page.GetByRole(AriaRole.Button, new() { Name = "立即审计 Audit now" }).ClickAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await page.ContentAsync()).Contains("没有发现问题", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "the audit started from the page did not finish within two minutes:\n" + await page.ContentAsync());
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-audited.png") });
        Assert.Empty(refusedByCsp); // the pages work under their own policy
    }
}
