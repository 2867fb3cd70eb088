using System.Security.Cryptography;
using System.Text;
using FlowGov.Data;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Tasks;

/// <summary>
/// <c>Idempotency-Key</c> support backed by the store, so it holds across replicas: the first
/// request reserves the key (a row with status 0), stores its answer when done, and a repeat gets
/// that stored answer without acting again.
/// </summary>
public sealed class IdempotencyStore(FlowGovDbContext db, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";

    public static string Hash(string method, string path, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(method, " ", path, "\n", body))));

    public async Task<(IdempotencyOutcome Outcome, IdempotencyRow? Stored)> BeginAsync(string userId, string district, string key, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(userId, key, cancellationToken);
        if (existing is null)
        {
            db.IdempotencyKeys.Add(new IdempotencyRow { UserId = userId, Key = key, District = district, RequestHash = requestHash, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (IdempotencyOutcome.Started, null);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                existing = await FindAsync(userId, key, cancellationToken);
                if (existing is null)
                {
                    throw;
                }
            }
        }

        if (existing.RequestHash != requestHash)
        {
            return (IdempotencyOutcome.Mismatch, existing);
        }

        return existing.StatusCode == 0 ? (IdempotencyOutcome.InProgress, existing) : (IdempotencyOutcome.Replay, existing);
    }

    public async Task CompleteAsync(string userId, string key, int statusCode, string responseJson, CancellationToken cancellationToken)
    {
        await db.IdempotencyKeys.Where(r => r.UserId == userId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, statusCode).SetProperty(r => r.ResponseJson, responseJson), cancellationToken);
    }

    /// <summary>The request failed before acting: free the key so a retry runs again.</summary>
    public async Task AbandonAsync(string userId, string key)
    {
        await db.IdempotencyKeys.Where(r => r.UserId == userId && r.Key == key && r.StatusCode == 0).ExecuteDeleteAsync(CancellationToken.None);
    }

    private Task<IdempotencyRow?> FindAsync(string userId, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, cancellationToken);
}
