using System.Text;
using Microsoft.AspNetCore.Identity;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>
/// Staff user names: letters of any script (张三, 李小梅, ada), digits and <c>- . _ @ + ·</c>, up to 64 characters;
/// no spaces or control characters, which would make two names look alike. Identity's default allows ASCII only.
/// </summary>
public sealed class StaffNameValidator : IUserValidator<IdentityUser>
{
    public const int MaxLength = 64;
    private const string Punctuation = "-._@+·";

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user) =>
        Task.FromResult(IsValid(user.UserName) ? IdentityResult.Success : IdentityResult.Failed(new IdentityError
        {
            Code = "InvalidUserName",
            Description = $"用户名“{user.UserName}”无效：只能使用字母（含汉字）、数字和 {Punctuation}，不超过 {MaxLength} 个字符。 " +
                $"The user name '{user.UserName}' is not allowed: use letters (Chinese characters too), digits and {Punctuation}, at most {MaxLength} characters.",
        }));

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.IsNormalized(NormalizationForm.FormC)
        && name.EnumerateRunes().All(r => Rune.IsLetterOrDigit(r) || (r.IsBmp && Punctuation.Contains((char)r.Value)));
}
