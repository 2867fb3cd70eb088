using FlowGov.Core.Runtime;

namespace FlowGov.Core.Persistence;

/// <summary>
/// An open bookmark and a fresh copy of its instance, read together: every resume needs both, and
/// the store answers them in one read instead of two. <see cref="Instance"/> is null only when the
/// bookmark outlived its instance's row.
/// </summary>
public sealed record ResumeTarget(BookmarkRef Bookmark, WorkflowInstance? Instance);
