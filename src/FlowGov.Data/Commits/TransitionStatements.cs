using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data.Commits;

/// <summary>The statements an advance writes, generated once per database from its model.</summary>
internal sealed class TransitionStatements
{
    private TransitionStatements(FlowGovDbContext db)
    {
        var model = db.Model;
        var sql = db.GetService<ISqlGenerationHelper>();
        InsertInstance = RowStatement<InstanceRow>.Insert(model, sql);

        // The revision guard (see CommitWriter): id and expected revision in the WHERE; the district
        // too, so a raw write can no more cross districts than a filtered query.
        GuardedInstanceUpdate = RowStatement<InstanceRow>.Update(
            model,
            sql,
            [nameof(InstanceRow.Status), nameof(InstanceRow.DefinitionVersion), nameof(InstanceRow.UpdatedAt), nameof(InstanceRow.CompletedAt), nameof(InstanceRow.StateJson), nameof(InstanceRow.Revision)],
            [nameof(InstanceRow.Id), nameof(InstanceRow.District)],
            guard: nameof(InstanceRow.Revision));

        // The same guard without the indexed columns, for the common advance that changes none of
        // them: SQLite rewrites an index entry whenever its column is SET, even to the same value, so
        // the full update dirtied two index pages per transition for nothing.
        GuardedStateUpdate = RowStatement<InstanceRow>.Update(
            model,
            sql,
            [nameof(InstanceRow.UpdatedAt), nameof(InstanceRow.StateJson), nameof(InstanceRow.Revision)],
            [nameof(InstanceRow.Id), nameof(InstanceRow.District)],
            guard: nameof(InstanceRow.Revision));
        InsertBookmark = RowStatement<BookmarkRow>.Insert(model, sql);
        DeleteBookmark = RowStatement<BookmarkRow>.Delete(model, sql, [nameof(BookmarkRow.Id), nameof(BookmarkRow.District)]);
        InsertTask = RowStatement<TaskRow>.Insert(model, sql);

        // Only the columns a task's life changes (a migration moves it to another activity, version
        // and form); the rest (instance, bookmark, item) are set once at creation.
        UpdateTask = RowStatement<TaskRow>.Update(
            model,
            sql,
            [
                nameof(TaskRow.ActivityId), nameof(TaskRow.DefinitionVersion), nameof(TaskRow.FormKey), nameof(TaskRow.Title),
                nameof(TaskRow.Assignee), nameof(TaskRow.CandidateRoles), nameof(TaskRow.CandidateUnit), nameof(TaskRow.Status),
                nameof(TaskRow.DeadlineState), nameof(TaskRow.WarnAt), nameof(TaskRow.DueAt), nameof(TaskRow.CompletedAt),
                nameof(TaskRow.Outcome), nameof(TaskRow.CompletedBy),
            ],
            [nameof(TaskRow.Id), nameof(TaskRow.District)]);
        InsertJournal = RowStatement<JournalRow>.Insert(model, sql);
        InsertIncident = RowStatement<IncidentRow>.Insert(model, sql);
        InsertOutbox = RowStatement<OutboxRow>.Insert(model, sql);
        InsertAudit = RowStatement<AuditRow>.Insert(model, sql);
    }

    public RowStatement<InstanceRow> InsertInstance { get; }

    /// <summary>Parameters: the new values, then id and district; then the expected revision.</summary>
    public RowStatement<InstanceRow> GuardedInstanceUpdate { get; }

    /// <summary>As <see cref="GuardedInstanceUpdate"/>, but leaves status, version and completion time (indexed) alone.</summary>
    public RowStatement<InstanceRow> GuardedStateUpdate { get; }

    public RowStatement<BookmarkRow> InsertBookmark { get; }

    public RowStatement<BookmarkRow> DeleteBookmark { get; }

    public RowStatement<TaskRow> InsertTask { get; }

    public RowStatement<TaskRow> UpdateTask { get; }

    public RowStatement<JournalRow> InsertJournal { get; }

    public RowStatement<IncidentRow> InsertIncident { get; }

    public RowStatement<OutboxRow> InsertOutbox { get; }

    public RowStatement<AuditRow> InsertAudit { get; }

    /// <summary>One set per model (EF builds one per provider and scope kind and keeps it for the process).</summary>
    public static TransitionStatements For(FlowGovDbContext db) => ByModel.GetValue(db.Model, _ => new TransitionStatements(db));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, TransitionStatements> ByModel = [];
}
