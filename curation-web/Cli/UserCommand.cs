using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using QyHeritage.Web.Features.Accounts;

namespace QyHeritage.Web.Cli;

/// <summary><c>qy user</c>: the staff accounts in accounts.db (add, list, remove, role, password). There is no default account or password.</summary>
internal static class UserCommand
{
    public const string Help = """
        qy user add NAME --role ROLE [--password-stdin]
        qy user list
        qy user remove NAME
        qy user role NAME ROLE
        qy user password NAME [--password-stdin]      [--Qy:DataFolder=data]

        Staff accounts for the web app's sign-in (/account/signin), kept in DATA/accounts.db (not in the
        catalog: qy rebuild never touches them). Roles: admin (the /admin pages and APIs), curator, guide.
          add       creates the account; prints a strong random password once, or reads one line from
                    standard input with --password-stdin (at least 12 characters)
          list      names, roles and lock-outs
          remove    deletes the account; its sessions end at their next check
          role      gives the account this one role; its sessions end (sign in again for the new role)
          password  sets a new password (printed, or from standard input), lifts a lock-out and ends its sessions
        Exit code 0 on success, 1 when refused (unknown or existing name, weak password), 2 on bad usage.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, string dataFolder)
    {
        var words = new List<string>();
        string? role = null;
        var fromStdin = false;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--role" && i + 1 < args.Count) role = args[++i];
            else if (a.StartsWith("--role=", StringComparison.Ordinal)) role = a["--role=".Length..];
            else if (a == "--password-stdin") fromStdin = true;
            else if (!a.StartsWith('-')) words.Add(a);
        }
        var action = words.FirstOrDefault();
        var name = words.ElementAtOrDefault(1);
        var wanted = action switch { "list" => 1, "role" => role is null ? 3 : 2, "add" or "remove" or "password" => 2, _ => -1 };
        if (action == "role" && role is null) role = words.ElementAtOrDefault(2);
        if (wanted < 0 || words.Count != wanted || (action == "add" && role is null))
        {
            Console.Error.WriteLine("用法错误 Bad usage. See: qy help user");
            return 2;
        }
        if (role is not null && !AccountRoles.IsRole(role))
        {
            Console.Error.WriteLine($"qy user: 没有角色 '{role}'。 No role '{role}': use one of {string.Join(", ", AccountRoles.All)}.");
            return 2;
        }

        var settings = new AccountSettings();
        configuration.GetSection(AccountSettings.Section).Bind(settings);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddQyAccountStore(settings, dataFolder);
        await using var provider = services.BuildServiceProvider();
        await AccountStore.EnsureCreatedAsync(provider);
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        if (action == "list") return await ListAsync(users);
        var user = await users.FindByNameAsync(name!);
        if (action == "add")
        {
            if (user is not null) return Refuse($"账户 {name} 已存在。 The account {name} exists already (qy user password {name} sets a new password).");
            var password = NewPassword(fromStdin);
            if (password is null) return Refuse("标准输入没有密码。 No password on standard input.");
            user = new IdentityUser(name!);
            if (Failed(await users.CreateAsync(user, password))) return 1;
            if (Failed(await users.AddToRoleAsync(user, role!))) return 1;
            Console.WriteLine($"已创建账户 {name}，角色 {role}。 Account {name} created with role {role}.");
            if (!fromStdin) ShowOnce(password);
            return 0;
        }
        if (user is null) return Refuse($"没有账户 {name}。 No account {name}.");
        switch (action)
        {
            case "remove":
                if (Failed(await users.DeleteAsync(user))) return 1;
                Console.WriteLine($"已删除账户 {name}。 Account {name} removed.");
                return 0;
            case "role":
                var roles = await users.GetRolesAsync(user);
                if (Failed(await users.RemoveFromRolesAsync(user, roles))) return 1;
                if (Failed(await users.AddToRoleAsync(user, role!))) return 1;
                await users.UpdateSecurityStampAsync(user);
                Console.WriteLine($"账户 {name} 的角色现为 {role}。 Account {name} now has role {role}.");
                return 0;
            default: // password
                var password = NewPassword(fromStdin);
                if (password is null) return Refuse("标准输入没有密码。 No password on standard input.");
                foreach (var validator in users.PasswordValidators)
                {
                    if (Failed(await validator.ValidateAsync(users, user, password))) return 1;
                }
                if (Failed(await users.RemovePasswordAsync(user)) || Failed(await users.AddPasswordAsync(user, password))) return 1;
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                await users.UpdateSecurityStampAsync(user);
                Console.WriteLine($"账户 {name} 的密码已更改。 The password of {name} is changed.");
                if (!fromStdin) ShowOnce(password);
                return 0;
        }
    }

    private static async Task<int> ListAsync(UserManager<IdentityUser> users)
    {
        foreach (var user in users.Users.OrderBy(u => u.UserName).ToList())
        {
            var roles = string.Join(",", await users.GetRolesAsync(user));
            var locked = user.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? $"\t锁定至 locked until {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";
            Console.WriteLine($"{user.UserName}\t{roles}{locked}");
        }
        return 0;
    }

    /// <summary>One line from standard input, or a strong random one.</summary>
    private static string? NewPassword(bool fromStdin)
    {
        if (!fromStdin) return PasswordGenerator.Next();
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static void ShowOnce(string password) =>
        Console.WriteLine($"密码（仅显示这一次）Password (shown once): {password}");

    private static int Refuse(string message)
    {
        Console.Error.WriteLine("qy user: " + message);
        return 1;
    }

    private static bool Failed(IdentityResult result)
    {
        if (result.Succeeded) return false;
        foreach (var e in result.Errors) Console.Error.WriteLine($"qy user: 被拒绝 Refused: {e.Description}");
        return true;
    }
}
