using System.Net;
using System.Text.Json;
using QyHeritage.Web.Tests.Accounts;
using QyHeritage.Web.Tests.Admin;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Security;

/// <summary>/admin/audit is for admins, and even they are not shown the server's absolute data path.</summary>
public class AuditPagePathTests(AuditedSample sample) : IClassFixture<AuditedSample>
{
    [Fact]
    public async Task The_audit_page_names_the_store_within_the_data_folder_never_by_its_absolute_path()
    {
        var data = sample.NewDataFolder();
        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        using var admin = await StaffSession.AdminAsync(host);
        using (var started = await admin.PostAsync("/api/admin/audit", null))
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        for (var deadline = DateTime.UtcNow.AddMinutes(2); ; await Task.Delay(250))
        {
            using var report = await admin.GetAsync("/api/admin/audit");
            if (report.StatusCode == HttpStatusCode.OK) break;
            Assert.True(DateTime.UtcNow < deadline, "no report within two minutes");
        }
        var absolute = Path.GetFullPath(data);
        var page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("没有发现问题", page);
        Assert.Contains("<th>存储 <span lang=\"en\">Store</span></th><td>数据目录 <span lang=\"en\">Data folder</span>/store</td>", page);
        Assert.DoesNotContain(absolute, page);

        // An unreadable report is named by its place in the data folder.
        await File.WriteAllTextAsync(Path.Combine(data, "audit", "last-report.json"), "{ not json");
        page = await admin.GetStringAsync("/admin/audit");
        Assert.Contains("audit/last-report.json in the data folder", page);
        Assert.DoesNotContain(absolute, page);
        using var api = await admin.GetAsync("/api/admin/audit");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.DoesNotContain(absolute, JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        // And anonymous visitors see none of it.
        using var anonymous = StaffSession.NewClient(host);
        using var refused = await anonymous.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
    }
}
