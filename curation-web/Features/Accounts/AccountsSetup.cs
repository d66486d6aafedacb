using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>The host's accounts: Identity over accounts.db, the session cookie, role policies, anti-forgery and the sign-in throttle.</summary>
public static class AccountsSetup
{
    /// <summary>The header a script sends its anti-forgery token in (<c>GET /api/account/antiforgery</c> gives one).</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddQyAccounts(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var settings = new AccountSettings();
        configuration.GetSection(AccountSettings.Section).Bind(settings);
        services.AddSingleton(settings);
        services.AddQyAccountStore(settings, dataFolder).AddSignInManager();
        services.AddSingleton<AccountsDatabase>();

        // One key ring per data folder, so that sessions survive a restart (and hosts sharing the folder share them).
        services.AddDataProtection()
            .SetApplicationName("QyHeritage")
            .PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath(dataFolder)));

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "qy.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = settings.SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = AccountEndpoints.SignInPath;
            o.ReturnUrlParameter = "returnUrl";
            // Pages are sent to the form; APIs and scripts get a status they can act on.
            o.Events.OnRedirectToLogin = c => SecurityRefusals.IsApi(c.Request)
                ? SecurityRefusals.WriteAsync(c.HttpContext, StatusCodes.Status401Unauthorized, "需要登录。", "Sign-in required.")
                : Redirect(c);
            o.Events.OnRedirectToAccessDenied = c =>
                SecurityRefusals.WriteAsync(c.HttpContext, StatusCodes.Status403Forbidden, "您的账户没有权限访问此处。", "Your account's role does not allow this.");
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = settings.StampCheckInterval);

        services.AddAuthorizationBuilder()
            .AddPolicy(AccountPolicies.Admin, p => p.RequireRole(AccountRoles.Admin))
            .AddPolicy(AccountPolicies.Curator, p => p.RequireRole(AccountRoles.Curator, AccountRoles.Admin))
            .AddPolicy(AccountPolicies.Staff, p => p.RequireRole([.. AccountRoles.All]));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "qy.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = AntiforgeryHeader;
            o.SuppressXFrameOptionsHeader = true; // the security headers set frame rules for every page
        });
        services.AddRazorComponents();
        // Chinese as text, not as &#x...; references, in what the components write (as in the JSON).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSignInThrottle(settings);
        return services;
    }

    /// <summary>To the form, with a path-only return address (the default would name this host's absolute URL).</summary>
    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> c)
    {
        var back = c.Request.PathBase + c.Request.Path + c.Request.QueryString;
        c.Response.Redirect(AccountEndpoints.SignInPath + "?returnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }
}
