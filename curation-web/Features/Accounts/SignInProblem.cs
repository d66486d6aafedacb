namespace QyHeritage.Web.Features.Accounts;

/// <summary>What the sign-in page says above its form.</summary>
public enum SignInProblem
{
    None,
    WrongPassword,
    LockedOut,
    TooManyAttempts,
    SignedOut,
    SignedOutEverywhere,
}
