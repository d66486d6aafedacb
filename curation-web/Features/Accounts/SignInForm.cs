namespace QyHeritage.Web.Features.Accounts;

/// <summary>The sign-in form's fields (the anti-forgery token is checked before binding).</summary>
public sealed class SignInForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>What a script needs to call a state-changing API: the header to send and its token (<c>GET /api/account/antiforgery</c>).</summary>
public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);
