using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>
/// <c>/account/password</c>: a signed-in staff member changes their own password (the current one first). The new
/// security stamp signs out the account's other sessions; this one is signed in again.
/// </summary>
public static class PasswordChange
{
    public const string Path = "/account/password";

    public static void MapPasswordChange(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, UserManager<IdentityUser> users) =>
            await users.GetUserAsync(http.User) is { } user
                ? Page(http, user, changed: http.Request.Query["done"] == "changed", [])
                : Results.Redirect(AccountEndpoints.SignInPath)).RequireAuthorization();

        app.MapPost(Path, ChangeAsync).RequireAuthorization();
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, [FromForm] PasswordForm form, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
    {
        if (await users.GetUserAsync(http.User) is not { } user) return Results.Redirect(AccountEndpoints.SignInPath);
        var current = form.CurrentPassword ?? "";
        var next = form.NewPassword ?? "";
        if (next != (form.ConfirmPassword ?? ""))
            return Page(http, user, false, [("两次输入的新密码不一致。", "The two new passwords differ.")], StatusCodes.Status400BadRequest);
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
            return Page(http, user, false, result.Errors.Select(Bilingual).ToList(), StatusCodes.Status400BadRequest);
        // ChangePasswordAsync gave the account a new security stamp: other sessions end at their next check, this one goes on.
        await signIn.RefreshSignInAsync(user);
        return Results.Redirect(Path + "?done=changed");
    }

    private static (string Zh, string En) Bilingual(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => ("当前密码不正确。", "The current password is wrong."),
        nameof(IdentityErrorDescriber.PasswordTooShort) => ($"新密码至少需要 {AccountStore.MinimumPasswordLength} 个字符。", e.Description),
        nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => ("新密码中不同的字符太少。", e.Description),
        _ => ("无法更改密码。", e.Description),
    };

    private static RazorComponentResult<PasswordPage> Page(HttpContext http, IdentityUser user, bool changed, IReadOnlyList<(string, string)> problems, int status = StatusCodes.Status200OK)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new RazorComponentResult<PasswordPage>(new Dictionary<string, object?>
        {
            [nameof(PasswordPage.UserName)] = user.UserName,
            [nameof(PasswordPage.Changed)] = changed,
            [nameof(PasswordPage.Problems)] = problems,
            [nameof(PasswordPage.AntiforgeryField)] = tokens.FormFieldName,
            [nameof(PasswordPage.AntiforgeryToken)] = tokens.RequestToken,
        })
        { StatusCode = status };
    }
}

/// <summary>The change-password form's fields (the anti-forgery token is checked before binding).</summary>
public sealed class PasswordForm
{
    public string? CurrentPassword { get; set; }

    public string? NewPassword { get; set; }

    public string? ConfirmPassword { get; set; }
}
