using FlowGov.Core.Forms;
using FlowGov.Core.Forms.Attachments;
using FlowGov.Core.Hosting;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using FlowGov.Server.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Attachments;

/// <summary>
/// Uploads for a task's photo/file fields (<c>POST /api/tasks/{id}/attachments?field=KEY</c>) and
/// downloads (<c>GET /api/attachments/{hash}</c>), served only to a district that has a metadata row
/// for the hash: the store is shared by content, the right to read is per district.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The upload route, which <see cref="BodySizeLimit"/> allows larger bodies.</summary>
    public static bool IsUpload(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value;
        return HttpMethods.IsPost(request.Method) && path is not null
            && path.StartsWith("/api/tasks/", StringComparison.OrdinalIgnoreCase)
            && path.TrimEnd('/').EndsWith("/attachments", StringComparison.OrdinalIgnoreCase);
    }

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{id}/attachments", UploadAsync).RequireAuthorization(Policies.Worker).WithTags("Tasks");
        app.MapGet("/api/attachments/{hash}", DownloadAsync).WithTags("Attachments");
        return app;
    }

    private static async Task<IResult> UploadAsync(
        string id,
        string? field,
        HttpRequest request,
        TaskActions tasks,
        WorkflowEngine engine,
        FormCatalog forms,
        FileSystemAttachmentStore store,
        FlowGovDbContext db,
        CurrentUser me,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return Problems.BadRequest("Name the photo/file field the upload is for: ?field=KEY.", "field");
        }

        var (task, problem) = await TaskEndpoints.WorkableAsync(id, tasks, me, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var definition = task!.FormKey is null ? null : await engine.Store.FindDefinitionAsync(me.District, task.DefinitionKey, task.DefinitionVersion, cancellationToken);
        if (definition is null || !definition.Forms.ContainsKey(task.FormKey!))
        {
            return FieldProblem(StatusCodes.Status422UnprocessableEntity, field, $"Task '{id}' has no form to attach files to.");
        }

        var form = forms.Get(definition, task.FormKey!).Definition;
        var target = AttachmentFields.Find(form, field);
        if (target is null || target.Kind is not (FieldKind.Photo or FieldKind.File))
        {
            return FieldProblem(StatusCodes.Status422UnprocessableEntity, field,
                $"Form '{task.FormKey}' of {task.DefinitionKey} v{task.DefinitionVersion} has no photo or file field '{field}'.");
        }

        if (!request.HasFormContentType)
        {
            return FieldProblem(StatusCodes.Status415UnsupportedMediaType, field, "Send the file as multipart/form-data with one file part.");
        }

        var body = await request.ReadFormAsync(cancellationToken);
        if (body.Files.Count != 1)
        {
            return FieldProblem(StatusCodes.Status400BadRequest, field, $"Send exactly one file; this request has {body.Files.Count}.");
        }

        var file = body.Files[0];
        var upload = new AttachmentUpload
        {
            FileName = string.IsNullOrEmpty(file.FileName) ? file.Name : file.FileName,
            DeclaredContentType = file.ContentType ?? "application/octet-stream",
            FieldKey = field,
            FieldLabel = string.IsNullOrEmpty(target.Label) ? field : target.Label,
            UploadedBy = me.Id,
            InstanceId = task.InstanceId,
            TaskId = task.Id,
        };
        AttachmentSaveResult saved;
        await using (var content = file.OpenReadStream())
        {
            saved = await store.SaveAsync(content, upload, AttachmentLimits.For(target), cancellationToken);
        }

        if (!saved.Ok)
        {
            var error = saved.Error!;
            var status = error.Key switch
            {
                "attachment.tooLarge" => StatusCodes.Status413PayloadTooLarge,
                "attachment.type" or "attachment.typeMismatch" or "attachment.unrecognized" => StatusCodes.Status415UnsupportedMediaType,
                _ => StatusCodes.Status422UnprocessableEntity,
            };
            return FieldProblem(status, field, error.Message, error.Key);
        }

        var record = saved.Record!;
        db.Attachments.Add(new AttachmentRow
        {
            District = me.District,
            Hash = record.Hash,
            Size = record.Size,
            ContentType = record.ContentType,
            FileName = record.FileName,
            UploadedBy = me.Id,
            UploadedAt = record.UploadedAt,
            InstanceId = task.InstanceId,
            TaskId = task.Id,
            FieldKey = field,
        });
        AuditTrail.Add(db, me, "task.attachment", task.Id, record.UploadedAt, $"{field} {record.Hash} {record.Size} {record.ContentType}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/attachments/{record.Hash}", new AttachmentResponse(record.Hash, record.Size, record.ContentType, record.FileName));
    }

    private static async Task<IResult> DownloadAsync(string hash, FlowGovDbContext db, FileSystemAttachmentStore store, CancellationToken cancellationToken)
    {
        var row = IsHash(hash)
            ? await db.Attachments.AsNoTracking().Where(a => a.Hash == hash).OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var stream = row is null ? null : store.OpenRead(hash);
        if (stream is null)
        {
            return Problems.NotFound($"No attachment '{hash}' in your district.");
        }

        return TypedResults.File(stream, row!.ContentType, row.FileName, enableRangeProcessing: true);
    }

    private static bool IsHash(string hash) => hash.Length == 64 && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static ProblemHttpResult FieldProblem(int status, string field, string detail, string? key = null)
    {
        var extensions = new Dictionary<string, object?>
        {
            ["field"] = field,
            ["errors"] = new Dictionary<string, string[]> { [field] = [detail] },
        };
        if (key is not null)
        {
            extensions["code"] = key;
        }

        return TypedResults.Problem(statusCode: status, title: status switch
        {
            StatusCodes.Status413PayloadTooLarge => "File too large",
            StatusCodes.Status415UnsupportedMediaType => "File type not accepted",
            StatusCodes.Status400BadRequest => "Bad request",
            _ => "Unprocessable",
        }, detail: detail, extensions: extensions);
    }
}
