using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Commits;

/// <summary>
/// Writes one advance into an open transaction: the revision guard first (so a conflicting member
/// writes nothing), then bookmarks, tasks, journal, incidents, outbox and the audit entry, with
/// statements generated from the model and sent as <see cref="StatementBatch"/> suits the provider
/// (ADR 0038: the change tracker and update pipeline of SaveChanges cost more CPU than the rest of a
/// transition).
/// Shared by a commit alone and by a group commit, so both write exactly the same rows. The rows are
/// planned on the caller's thread (<see cref="Plan"/>) and only written on the writer's (ADR 0043).
/// </summary>
internal static class CommitWriter
{
    public static async Task WriteAsync(WriteSession session, PendingCommit commit, CancellationToken cancellationToken)
    {
        var result = commit.Result;
        var instance = result.Instance;
        var db = session.Db;
        var writes = commit.Writes;
        if (writes.Guard is { } guarded)
        {
            // The guard, alone and first: only the writer that loaded the current revision may move
            // it on, and a writer that lost writes nothing (its journal rows would collide with the
            // winner's). On PostgreSQL a concurrent writer blocks on the row lock, then re-checks the
            // WHERE and matches nothing; on SQLite writers are serialised by the database lock. In a
            // group commit an earlier member of the same batch counts as "another writer".
            var guard = session.NewBatch();
            guarded.AddTo(guard);
            if (await guard.ExecuteAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new ConcurrencyConflictException(instance.Id, commit.ExpectedRevision);
            }
        }

        var batch = session.NewBatch();
        foreach (var write in writes.Rows)
        {
            write.AddTo(batch);
        }

        await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);

        // Rare (a migration or send back, an incident resolved by a retry): through EF, in the same transaction.
        // A migration or send back re-points open bookmarks at another activity; ids and due times stay (timers keep their schedule).
        foreach (var b in result.BookmarksMoved)
        {
            var activityId = b.ActivityId;
            await db.Bookmarks.Where(r => r.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ActivityId, activityId), cancellationToken).ConfigureAwait(false);
        }

        var resolved = instance.Incidents.Where(i => i.Resolved).Select(i => i.Id).Except(result.IncidentsRaised.Select(i => i.Id)).ToList();
        if (resolved.Count > 0)
        {
            var at = instance.UpdatedAt;
            await db.Incidents.Where(i => resolved.Contains(i.Id) && !i.Resolved)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Resolved, true).SetProperty(i => i.ResolvedAt, at), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The rows of one advance and their statements, built from the run result: the revision guard
    /// (or the new instance's insert) and the rest in write order. With <paramref name="convert"/>
    /// (SQLite) each row's values are converted for binding here too, so the caller's thread pays for
    /// it and the one writer, which every member of a group commit waits on, only binds and steps.
    /// </summary>
    public static AdvanceWrites Plan(RunResult result, long expectedRevision, string district, string stateJson, bool keepsIndexedColumns, TransitionStatements statements, bool convert)
    {
        var instance = result.Instance;
        var rows = new List<RowWrite>();
        void Add<TRow>(RowStatement<TRow> statement, TRow row)
            where TRow : class => rows.Add(new RowWrite<TRow>(statement, row, null, convert));

        var row = new InstanceRow
        {
            Id = instance.Id,
            District = district,
            DefinitionKey = instance.DefinitionKey,
            DefinitionVersion = instance.DefinitionVersion,
            Status = instance.Status.ToString(),
            BusinessKey = instance.BusinessKey,
            StartedBy = instance.StartedBy,
            OrgUnit = instance.OrgUnit,
            ParentInstanceId = instance.ParentInstanceId,
            ParentBookmarkId = instance.ParentBookmarkId,
            CreatedAt = instance.CreatedAt,
            UpdatedAt = instance.UpdatedAt,
            CompletedAt = instance.CompletedAt,
            StateJson = stateJson,
            Revision = expectedRevision + 1,
        };
        RowWrite? guard = null;
        if (expectedRevision == 0)
        {
            Add(statements.InsertInstance, row);
        }
        else
        {
            guard = new RowWrite<InstanceRow>(keepsIndexedColumns ? statements.GuardedStateUpdate : statements.GuardedInstanceUpdate, row, expectedRevision, convert);
        }

        foreach (var id in result.BookmarksRemoved.Select(b => b.Id).Distinct(StringComparer.Ordinal))
        {
            Add(statements.DeleteBookmark, new BookmarkRow { Id = id, InstanceId = instance.Id, District = district, ActivityId = "", Kind = "" });
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in result.BookmarksCreated)
        {
            if (instance.FindBookmark(b.Id) is null || !seen.Add(b.Id))
            {
                continue; // created and consumed in the same advance
            }

            Add(statements.InsertBookmark, new BookmarkRow
            {
                Id = b.Id,
                InstanceId = b.InstanceId,
                District = district,
                ActivityId = b.ActivityId,
                Kind = b.Kind.ToString(),
                Key = b.Key,
                DueAt = b.DueAt,
                TaskId = b.TaskId,
                CreatedAt = b.CreatedAt,
            });
        }

        AddTasks(rows, statements, result, district, convert);

        foreach (var j in result.Journal)
        {
            Add(statements.InsertJournal, new JournalRow
            {
                InstanceId = j.InstanceId,
                Sequence = j.Sequence,
                District = district,
                Kind = j.Kind.ToString(),
                ActivityId = j.ActivityId,
                ActivityType = j.ActivityType,
                Port = j.Port,
                TokenId = j.TokenId,
                Actor = j.Actor,
                At = j.At,
                Data = j.Data,
                Message = j.Message,
            });
        }

        foreach (var i in result.IncidentsRaised)
        {
            Add(statements.InsertIncident, new IncidentRow
            {
                Id = i.Id,
                InstanceId = instance.Id,
                District = district,
                ActivityId = i.ActivityId,
                TokenId = i.TokenId,
                Message = i.Message,
                Property = i.Property,
                Line = i.Line,
                Column = i.Column,
                At = i.At,
                Resolved = i.Resolved,
                ResolvedAt = i.ResolvedAt,
            });
        }

        foreach (var n in result.Notifications)
        {
            Add(statements.InsertOutbox, new OutboxRow
            {
                Id = n.Id,
                InstanceId = n.InstanceId,
                District = district,
                ActivityId = n.ActivityId,
                Channel = n.Channel,
                Users = Lists.Join(n.Users),
                Roles = Lists.Join(n.Roles),
                Unit = n.Unit,
                Title = n.Title,
                Body = n.Body,
                Url = n.Url,
                At = n.At,
            });
        }

        if (result.Audit is { } audit)
        {
            Add(statements.InsertAudit, new AuditRow { District = district, Actor = audit.Actor, Action = audit.Action, Subject = audit.Subject ?? instance.Id, At = audit.At, Source = audit.Source, Data = audit.Data });
        }

        return new AdvanceWrites(guard, rows);
    }

    /// <summary>
    /// New tasks are inserted; changed ones are updated in place by id without reading them first
    /// (the run result says which is which), so a transition needs no SELECT of its task rows.
    /// </summary>
    private static void AddTasks(List<RowWrite> rows, TransitionStatements statements, RunResult result, string district, bool convert)
    {
        if (result.TasksCreated.Count == 0 && result.TasksUpdated.Count == 0)
        {
            return;
        }

        var latest = new Dictionary<string, HumanTask>(StringComparer.Ordinal);
        foreach (var t in result.TasksCreated.Concat(result.TasksUpdated))
        {
            latest[t.Id] = t;
        }

        var created = result.TasksCreated.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var t in latest.Values)
        {
            var row = new TaskRow
            {
                Id = t.Id,
                InstanceId = t.InstanceId,
                District = district,
                ActivityId = t.ActivityId,
                BookmarkId = t.BookmarkId,
                DefinitionKey = t.DefinitionKey,
                DefinitionVersion = t.DefinitionVersion,
                FormKey = t.FormKey,
                Title = t.Title,
                Assignee = t.Assignee,
                CandidateRoles = Lists.Join(t.CandidateRoles),
                CandidateUnit = t.CandidateUnit,
                Outcomes = Lists.Join(t.Outcomes),
                Status = t.Status.ToString(),
                DeadlineState = t.DeadlineState.ToString(),
                Priority = t.Priority,
                WarnAt = t.WarnAt,
                DueAt = t.DueAt,
                CompletedAt = t.CompletedAt,
                Outcome = t.Outcome,
                CompletedBy = t.CompletedBy,
                CreatedAt = t.CreatedAt,
                ItemJson = t.Item?.GetRawText(),
                ItemIndex = t.ItemIndex,
            };
            rows.Add(new RowWrite<TaskRow>(created.Contains(t.Id) ? statements.InsertTask : statements.UpdateTask, row, null, convert));
        }
    }
}
