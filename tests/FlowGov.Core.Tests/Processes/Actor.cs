namespace FlowGov.Core.Tests.Processes;

/// <summary>A frontline user as the tests act: who, the role they hold, and at which org unit.</summary>
internal sealed record Actor(string Id, string Role, string? Unit)
{
    public override string ToString() => $"{Id} ({Role}@{Unit})";
}
