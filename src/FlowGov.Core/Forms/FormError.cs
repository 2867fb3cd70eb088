namespace FlowGov.Core.Forms;

/// <summary>
/// A problem with a submitted or evaluated value. <see cref="Path"/> names the field
/// (<c>parties[2].phone</c>; empty for the form as a whole), <see cref="Key"/> is the message key of
/// the catalogue (<c>field.required</c>), and the message comes in Chinese (default) and English.
/// </summary>
public sealed record FormError(string Path, string Key, string Message, string MessageEn)
{
    /// <summary>The message for a culture name: English for <c>en*</c>, Chinese otherwise.</summary>
    public string MessageFor(string? culture) =>
        culture is not null && culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? MessageEn : Message;

    public override string ToString() => $"{(Path.Length == 0 ? "(form)" : Path)}: {Key} — {Message}";
}
