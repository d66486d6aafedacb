namespace QyHeritage.Web.Features.Accounts;

/// <summary>The staff roles and the authorization policies built on them.</summary>
public static class AccountRoles
{
    public const string Admin = "admin";
    public const string Curator = "curator";
    public const string Guide = "guide";

    /// <summary>Every role, in the order <c>qy user</c> lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Admin, Curator, Guide];

    public static bool IsRole(string? name) => name is not null && All.Contains(name, StringComparer.Ordinal);
}

/// <summary>Policy names for <c>RequireAuthorization</c>.</summary>
public static class AccountPolicies
{
    /// <summary>The <c>admin</c> role: /admin and /api/admin.</summary>
    public const string Admin = "qy-admin";

    /// <summary>The <c>curator</c> or <c>admin</c> role: the workshop (/workshop and /api/workshop).</summary>
    public const string Curator = "qy-curator";

    /// <summary>Any staff role: the least a state-changing route needs.</summary>
    public const string Staff = "qy-staff";
}
