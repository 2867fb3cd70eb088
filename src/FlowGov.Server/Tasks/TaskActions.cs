using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Tasks;

/// <summary>
/// Who may see and work a task, and the changes to a task that are not transitions (claim,
/// unclaim, hand over, delegate): those rewrite the task inside the instance state and its row in
/// one commit, guarded by the instance revision like every other write.
/// </summary>
public sealed class TaskActions(FlowGovDbContext db, IWorkflowStore store, CurrentUser me)
{
    private const int MaxAttempts = 20;

    public Task<TaskRow?> FindAsync(string taskId, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);

    public async Task<string?> DelegatorAsync(string taskId, CancellationToken cancellationToken) =>
        await db.TaskDelegations.AsNoTracking().Where(d => d.TaskId == taskId).OrderByDescending(d => d.Id).Select(d => d.FromUser).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Assigned to me; or unassigned and offered to a role I hold at the task's unit or above it.</summary>
    public static bool CanWork(TaskRow task, UserAccess access)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(access);
        if (task.Assignee is { } assignee)
        {
            return assignee == access.UserId;
        }

        var roles = Lists.Split(task.CandidateRoles);
        return roles.Count > 0 && access.HoldsAny(roles, task.CandidateUnit);
    }

    /// <summary><see cref="CanWork"/>, or the task belongs to a test run of a draft that this user started.</summary>
    public async Task<bool> CanWorkAsync(TaskRow task, UserAccess access, CancellationToken cancellationToken) =>
        CanWork(task, access) || await TestRuns.TestRunEndpoints.IsOwnTestRunAsync(db, task, access.UserId, cancellationToken);

    public async Task<bool> CanSeeAsync(TaskRow task, UserAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(access);
        if (CanWork(task, access) || access.IsSupervisor || access.HoldsAnywhere(RoleNames.Viewer) || task.CompletedBy == access.UserId)
        {
            return true;
        }

        var id = task.Id;
        var userId = access.UserId;
        return await db.TaskDelegations.AnyAsync(d => d.TaskId == id && d.FromUser == userId, cancellationToken)
            || await db.Instances.AnyAsync(i => i.Id == task.InstanceId && i.StartedBy == userId, cancellationToken);
    }

    /// <summary>Changes the open task in its instance and commits; returns false when the task is no longer open.</summary>
    public async Task<bool> ChangeAsync(TaskRow task, Func<HumanTask, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var instance = await store.LoadInstanceAsync(task.InstanceId, cancellationToken);
            var open = instance?.FindTask(task.Id);
            if (instance is null || open is null || open.Status != HumanTaskStatus.Open)
            {
                return false;
            }

            if (!change(open))
            {
                return false;
            }

            var result = new RunResult(instance);
            result.TasksUpdated.Add(open);
            try
            {
                await store.CommitAsync(result, instance.Revision, cancellationToken);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }

    /// <summary>An active user of the district by id (<c>u-tc-grid02</c>) or by the user name people know (<c>tc-grid02</c>).</summary>
    public async Task<UserRow?> FindUserAsync(string idOrUserName, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().FirstOrDefaultAsync(u => (u.Id == idOrUserName || u.UserName == idOrUserName) && u.IsActive, cancellationToken);

    public CurrentUser Me => me;
}
