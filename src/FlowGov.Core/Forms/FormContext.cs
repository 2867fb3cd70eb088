using System.Text.Json;
using FlowGov.Core.Forms.Attachments;
using FlowGov.Core.Time;

namespace FlowGov.Core.Forms;

/// <summary>
/// What a form is evaluated or validated against besides its values: the data scripts see
/// (<c>vars</c>, <c>instance</c>, <c>task</c>, <c>user</c>), the clock, and the lookups the
/// server-side checks need (taxonomy, directory, uploaded attachments, the stored values).
/// </summary>
public sealed class FormContext
{
    private JsonElement? _userJson;

    public IReadOnlyDictionary<string, JsonElement> Vars { get; init; } = new Dictionary<string, JsonElement>();

    public JsonElement? Instance { get; init; }

    public JsonElement? Task { get; init; }

    public FormUser? User { get; init; }

    /// <summary>What <c>now()</c> returns and what "today" is for birth dates in ID numbers.</summary>
    public DateTimeOffset Now { get; init; }

    public WorkdayCalendar Calendar { get; init; } = WorkdayCalendar.Default;

    /// <summary>The event taxonomy category fields are checked against; without it only the format is checked.</summary>
    public CategoryTaxonomy? Taxonomy { get; init; }

    /// <summary>Users and org units of the district; without it person/orgunit values are checked for format only.</summary>
    public IFormDirectory? Directory { get; init; }

    /// <summary>
    /// Attachments uploaded for this task, by hash. When given, every photo/file value must be one
    /// of them and within its field's size and type limits; without it only the id format is checked.
    /// </summary>
    public IReadOnlyDictionary<string, AttachmentRecord>? Attachments { get; init; }

    /// <summary>The values stored before this submission: read-only fields keep these.</summary>
    public JsonElement? PreviousValues { get; init; }

    internal JsonElement? UserJson => User is null ? null : _userJson ??= ToJson(User);

    private static JsonElement ToJson(FormUser user)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", user.Id);
            w.WriteStartArray("roles");
            foreach (var r in user.Roles)
            {
                w.WriteStringValue(r);
            }

            w.WriteEndArray();
            if (user.Unit is not null)
            {
                w.WriteString("unit", user.Unit);
            }

            if (user.Name is not null)
            {
                w.WriteString("name", user.Name);
            }

            w.WriteEndObject();
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }
}
