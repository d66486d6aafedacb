using System.Security.Cryptography;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>Strong random passwords, shown once by <c>qy user add</c>: 20 characters, about 115 bits, no look-alikes (0/O, 1/l/I).</summary>
internal static class PasswordGenerator
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Next(int length = 20) => RandomNumberGenerator.GetString(Alphabet, length);
}
