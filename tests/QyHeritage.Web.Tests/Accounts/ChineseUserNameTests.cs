using System.Net;
using QyHeritage.Archive.Tests;
using QyHeritage.Web.Tests.Hosting;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary>Staff names in Chinese: <c>qy user add 张三</c> makes an account that signs in; names with spaces are refused in both languages.</summary>
public class ChineseUserNameTests
{
    private const string Password = "a-long-enough-passphrase";

    [Fact]
    public async Task Qy_user_add_takes_a_Chinese_name_that_then_signs_in_and_refuses_a_name_with_a_space_bilingually()
    {
        var data = TestPaths.NewTempFolder("qy-user-zh");
        var config = $"--Qy:DataFolder={data}";
        var (code, _, err) = await UserCommandTests.RunQyAsync(Password + "\n", "user", "add", "张三", "--role=curator", "--password-stdin", config);
        Assert.True(code == 0, err);
        (code, var output, err) = await UserCommandTests.RunQyAsync(null, "user", "list", config);
        Assert.True(code == 0, err);
        Assert.Equal("张三\tcurator", output.Trim());

        (code, _, err) = await UserCommandTests.RunQyAsync(Password + "\n", "user", "add", "张 三", "--role=curator", "--password-stdin", config);
        Assert.Equal(1, code);
        Assert.Contains("用户名", err);
        Assert.Contains("is not allowed", err);

        await using var host = await RunningHost.StartAsync(data, "--Qy:IngestSampleOnFirstStart=false", "--Qy:Audit:Interval=00:00:00");
        using var client = StaffSession.NewClient(host);
        using (var signedIn = await StaffSession.PostSignInAsync(client, "张三", Password))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("已登录：张三", await client.GetStringAsync("/account/signin"));
    }
}
