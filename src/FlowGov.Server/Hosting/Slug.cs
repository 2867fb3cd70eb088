namespace FlowGov.Server.Hosting;

/// <summary>Identifiers in the API (org unit ids, role names, definition keys): lower-case letters, digits and hyphens, starting with a letter, up to 64 characters.</summary>
public static class Slug
{
    public static bool IsValid(string? s) =>
        !string.IsNullOrEmpty(s) && s.Length <= 64 && s[0] is >= 'a' and <= 'z' && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
