using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>
/// Cookie sign-in: <c>/account/signin</c> (the form, and its POST), <c>POST /account/signout</c>,
/// <c>POST /account/signout-everywhere</c> (a new security stamp ends every other session of the account too),
/// and <c>GET /api/account/antiforgery</c> for scripts that call state-changing APIs.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPath = "/account/signin";

    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet(SignInPath, (HttpContext http, string? returnUrl) =>
            SignInPage(http, SignInProblem.None, null, LocalOrNull(returnUrl)));

        app.MapPost(SignInPath, SignInAsync)
            .AllowAnonymous()
            .WithMetadata(SignInAttemptMetadata.Instance);

        app.MapPost("/account/signout", async (SignInManager<IdentityUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect(SignInPath + "?done=signedout");
        }).RequireAuthorization();

        app.MapPost("/account/signout-everywhere", async (HttpContext http, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) =>
        {
            // A new stamp: every cookie issued before is refused at its next check (Qy:Accounts:StampCheckInterval).
            if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
            await signIn.SignOutAsync();
            return Results.Redirect(SignInPath + "?done=everywhere");
        }).RequireAuthorization();

        app.MapPasswordChange();

        app.MapGet("/api/account/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.HeaderName!, tokens.RequestToken!));
        });
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] SignInForm form, SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users,
        IPasswordHasher<IdentityUser> hasher, AccountsDatabase database, ILoggerFactory loggers)
    {
        await database.EnsureCreatedAsync(http.RequestAborted);
        var name = form.UserName?.Trim() ?? "";
        var password = form.Password ?? "";
        var returnUrl = LocalOrNull(form.ReturnUrl);
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null)
        {
            // The same work as for a real account, so that the answer's timing does not tell which names exist.
            hasher.VerifyHashedPassword(Nobody, NobodyHash, password);
            return SignInPage(http, SignInProblem.WrongPassword, name, returnUrl, StatusCodes.Status401Unauthorized);
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var log = loggers.CreateLogger("QyHeritage.Web.Accounts");
        if (result.Succeeded)
        {
            AccountLog.SignedIn(log, user.UserName!);
            return Results.Redirect(returnUrl ?? "/");
        }
        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(log, user.UserName!, http.Connection.RemoteIpAddress?.ToString());
            return SignInPage(http, SignInProblem.LockedOut, name, returnUrl, StatusCodes.Status401Unauthorized);
        }
        AccountLog.WrongPassword(log, user.UserName!, http.Connection.RemoteIpAddress?.ToString());
        return SignInPage(http, SignInProblem.WrongPassword, name, returnUrl, StatusCodes.Status401Unauthorized);
    }

    private static readonly IdentityUser Nobody = new("nobody");

    private static readonly string NobodyHash = new PasswordHasher<IdentityUser>().HashPassword(Nobody, PasswordGenerator.Next());

    /// <summary>The sign-in page with a fresh anti-forgery token (and, when signed in, the sign-out buttons).</summary>
    internal static IResult SignInPage(HttpContext http, SignInProblem problem, string? userName, string? returnUrl, int status = StatusCodes.Status200OK)
    {
        if (problem == SignInProblem.None && http.Request.Query["done"].ToString() is var done && done.Length > 0)
            problem = done == "everywhere" ? SignInProblem.SignedOutEverywhere : SignInProblem.SignedOut;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var signedInAs = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name : null;
        return new RazorComponentResult<SignInPage>(new Dictionary<string, object?>
        {
            [nameof(Accounts.SignInPage.Problem)] = problem,
            [nameof(Accounts.SignInPage.UserName)] = userName,
            [nameof(Accounts.SignInPage.ReturnUrl)] = returnUrl,
            [nameof(Accounts.SignInPage.SignedInAs)] = signedInAs,
            [nameof(Accounts.SignInPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(Accounts.SignInPage.AntiforgeryToken)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }

    /// <summary>A path on this site ("/admin/audit"), never another site ("//evil", "https://…", "/\evil").</summary>
    internal static string? LocalOrNull(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Any(char.IsControl) ? u : null;
}

internal static partial class AccountLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{User} signed in")]
    public static partial void SignedIn(ILogger log, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong password for {User} from {Address}")]
    public static partial void WrongPassword(ILogger log, string user, string? address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{User} is locked out (sign-in attempt from {Address})")]
    public static partial void LockedOut(ILogger log, string user, string? address);
}
