using System.Diagnostics;
using System.Text.RegularExpressions;
using QyHeritage.Archive.Tests;

namespace QyHeritage.Web.Tests.Accounts;

/// <summary><c>qy user</c> as a real process: accounts in DATA/accounts.db, a password shown once or read from standard input, no default account.</summary>
public partial class UserCommandTests
{
    private static string HostDll => Path.Combine(AppContext.BaseDirectory, "QyHeritage.Web.dll");

    /// <summary>Runs the host program with <paramref name="stdin"/> written to its standard input (then closed).</summary>
    internal static async Task<(int Code, string Out, string Err)> RunQyAsync(string? stdin, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        psi.ArgumentList.Add(HostDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>The password <c>qy user add</c> printed.</summary>
    internal static string ShownPassword(string output) =>
        ShownOnce().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no password shown:\n" + output);

    [Fact]
    public async Task Accounts_are_added_listed_given_a_role_and_removed_and_survive_a_catalog_rebuild()
    {
        var data = TestPaths.NewTempFolder("qy-user");
        var config = $"--Qy:DataFolder={data}";

        var (code, output, err) = await RunQyAsync(null, "user", "list", config);
        Assert.True(code == 0, err);
        Assert.Equal("", output.Trim()); // no default account, so no default password

        (code, output, err) = await RunQyAsync(null, "user", "add", "ada", "--role", "admin", config);
        Assert.True(code == 0, err);
        var shown = ShownPassword(output);
        Assert.True(shown.Length >= 20, shown);
        Assert.True(File.Exists(Path.Combine(data, "accounts.db")));

        // From standard input: never printed; a short one is refused with the reason.
        (code, _, err) = await RunQyAsync("too-short\n", "user", "add", "bo", "--role=guide", "--password-stdin", config);
        Assert.Equal(1, code);
        Assert.Contains("at least 12 characters", err);
        (code, output, err) = await RunQyAsync("a-long-enough-passphrase\n", "user", "add", "bo", "--role=guide", "--password-stdin", config);
        Assert.True(code == 0, err);
        Assert.DoesNotContain("a-long-enough-passphrase", output);
        Assert.DoesNotContain("Password (shown once)", output);

        (code, _, err) = await RunQyAsync(null, "user", "add", "ada", "--role", "guide", config);
        Assert.Equal(1, code);
        Assert.Contains("exists already", err);
        (code, _, err) = await RunQyAsync(null, "user", "add", "cy", "--role", "root", config);
        Assert.Equal(2, code);
        Assert.Contains("admin, curator, guide", err);

        Assert.True((await RunQyAsync(null, "user", "role", "bo", "curator", config)).Code == 0);
        Assert.True((await RunQyAsync(null, "rebuild", config)).Code == 0); // the catalog is recreated; accounts are not in it
        (_, output, _) = await RunQyAsync(null, "user", "list", config);
        Assert.Equal(["ada\tadmin", "bo\tcurator"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        Assert.True((await RunQyAsync(null, "user", "remove", "bo", config)).Code == 0);
        (_, output, _) = await RunQyAsync(null, "user", "list", config);
        Assert.Equal("ada\tadmin", output.Trim());
        (code, _, err) = await RunQyAsync(null, "user", "remove", "bo", config);
        Assert.Equal(1, code);
        Assert.Contains("No account bo", err);
    }

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex ShownOnce();
}
