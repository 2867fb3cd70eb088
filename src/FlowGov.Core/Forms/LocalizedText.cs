namespace FlowGov.Core.Forms;

/// <summary>
/// A designer-written message in Chinese and English. Written in JSON either as a plain string
/// (used for both languages) or as <c>{"zh-CN": "…", "en": "…"}</c>.
/// </summary>
public sealed record LocalizedText(string Zh, string En)
{
    public static LocalizedText Same(string text) => new(text, text);
}
