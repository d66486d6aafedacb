namespace QyHeritage.Web.Features.Accounts;

/// <summary>Settings from the "Qy:Accounts" configuration section.</summary>
public sealed class AccountSettings
{
    public const string Section = "Qy:Accounts";

    /// <summary>The accounts database; empty means <c>accounts.db</c> in the data folder (never the derived catalog).</summary>
    public string Database { get; set; } = "";

    /// <summary>Where the cookie-signing keys are kept; empty means <c>keys/</c> in the data folder.</summary>
    public string KeysFolder { get; set; } = "";

    /// <summary>Sign-in attempts allowed per minute, per account name and (separately) per client address.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often a signed-in session is checked against the account (security stamp): "sign out everywhere",
    /// a removed account or a changed role takes effect within this time.
    /// </summary>
    public TimeSpan StampCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a session lasts without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public string DatabasePath(string dataFolder) =>
        Database.Length > 0 ? Database : Path.Combine(dataFolder, "accounts.db");

    public string KeysPath(string dataFolder) =>
        KeysFolder.Length > 0 ? KeysFolder : Path.Combine(dataFolder, "keys");
}
