using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace QyHeritage.Web.Features.Accounts;

/// <summary>
/// The staff accounts and roles (ASP.NET Core Identity's schema) in their own SQLite file, <c>data/accounts.db</c>:
/// unlike the catalog it is not derived from storage, so <c>qy rebuild</c> never touches it.
/// </summary>
public sealed class AccountsDb(DbContextOptions<AccountsDb> options) : IdentityDbContext<IdentityUser>(options);
