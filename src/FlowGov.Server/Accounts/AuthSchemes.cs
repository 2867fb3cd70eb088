namespace FlowGov.Server.Accounts;

/// <summary>Authentication scheme and claim names.</summary>
public static class AuthSchemes
{
    /// <summary>Picks <see cref="Token"/> for <c>Authorization: Bearer …</c>, otherwise the cookie.</summary>
    public const string Smart = "smart";

    public const string Cookie = "cookie";

    public const string Token = "token";

    public const string DistrictClaim = "district";

    public const string UserIdClaim = "sub";

    public const string NameClaim = "name";
}
