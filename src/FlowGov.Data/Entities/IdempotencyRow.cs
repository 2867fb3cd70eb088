namespace FlowGov.Data.Entities;

/// <summary>
/// The stored answer to a request made with an <c>Idempotency-Key</c>: a repeat with the same key
/// (per user) gets this answer instead of acting again. <see cref="StatusCode"/> 0 marks a request
/// still in progress.
/// </summary>
public sealed class IdempotencyRow : IDistrictOwned
{
    public required string UserId { get; set; }

    public required string Key { get; set; }

    public required string District { get; set; }

    /// <summary>Method, path and SHA-256 of the body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public string? ResponseJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
