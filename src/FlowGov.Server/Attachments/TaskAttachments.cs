using System.Text.Json;
using FlowGov.Core.Forms.Attachments;
using FlowGov.Data;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Attachments;

/// <summary>The attachments a task submission may refer to, as the form validator wants them (by hash).</summary>
public static class TaskAttachments
{
    /// <summary>
    /// The files uploaded for the task, plus those uploaded earlier in the same instance that the
    /// form's stored values already hold (a form reopened for rework keeps its photos).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, AttachmentRecord>> ForTaskAsync(FlowGovDbContext db, string taskId, string instanceId, JsonElement? previousValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.TaskId == taskId || a.InstanceId == instanceId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var previous = previousValues is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : "";
        var result = new Dictionary<string, AttachmentRecord>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.TaskId == taskId || previous.Contains(r.Hash, StringComparison.Ordinal)))
        {
            result[row.Hash] = ToRecord(row);
        }

        return result;
    }

    public static AttachmentRecord ToRecord(AttachmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AttachmentRecord
        {
            Hash = row.Hash,
            Size = row.Size,
            ContentType = row.ContentType,
            FileName = row.FileName,
            UploadedBy = row.UploadedBy,
            UploadedAt = row.UploadedAt,
            InstanceId = row.InstanceId,
            TaskId = row.TaskId,
            FieldKey = row.FieldKey,
        };
    }
}
