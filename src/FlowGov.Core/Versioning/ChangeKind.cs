namespace FlowGov.Core.Versioning;

/// <summary>The change names of the diff JSON (strings, because the designer and the text share them).</summary>
public static class ChangeKind
{
    public const string Added = "added";
    public const string Removed = "removed";
    public const string Changed = "changed";
}
