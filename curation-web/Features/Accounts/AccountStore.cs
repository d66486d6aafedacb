using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>Identity over <c>accounts.db</c> with the platform's password and lock-out rules; the host and <c>qy user</c> share it.</summary>
public static class AccountStore
{
    /// <summary>NIST-style: long rather than complicated; the generated ones are 20 random characters.</summary>
    public const int MinimumPasswordLength = 12;

    public static IdentityBuilder AddQyAccountStore(this IServiceCollection services, AccountSettings settings, string dataFolder)
    {
        var path = settings.DatabasePath(dataFolder);
        services.AddDbContext<AccountsDb>(o => o.UseSqlite($"Data Source={path}"));
        return services
            .AddIdentityCore<IdentityUser>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                // Any script: StaffNameValidator decides (Identity's default list is ASCII, so 张三 could not be added).
                o.User.AllowedUserNameCharacters = "";
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = Math.Max(1, settings.LockoutFailures);
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
            })
            .AddUserValidator<StaffNameValidator>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDb>();
    }

    /// <summary>Creates the database (and its folder) and the three roles when they are missing.</summary>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDb>();
        if (db.Database.GetDbConnection().DataSource is { Length: > 0 } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        await db.Database.EnsureCreatedAsync(ct);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AccountRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }
}

/// <summary>
/// The host's accounts database, created on first need (a sign-in, or a test making an account) rather than at
/// start: Entity Framework's first use costs seconds of CPU that a start serving the public pages should not wait on.
/// </summary>
public sealed class AccountsDatabase(IServiceProvider services, AccountSettings settings, QyHeritage.Archive.ArchiveOptions archive)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        if (_ready) return;
        await _gate.WaitAsync(ct);
        try
        {
            // An existing file was made by qy user (or an earlier start), which created the roles with it.
            if (!_ready && !File.Exists(settings.DatabasePath(archive.DataFolder))) await AccountStore.EnsureCreatedAsync(services, ct);
            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
