namespace FlowGov.Data;

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode; see docs/adr/0002-sqlite-durability.md.</summary>
public enum SqliteSynchronous
{
    /// <summary>fsync the WAL on every commit: a committed transition survives a process crash and a power loss.</summary>
    Full,
    /// <summary>fsync only at checkpoints: survives a process crash; a power loss may lose the last commits (never corrupts).</summary>
    Normal,
}
