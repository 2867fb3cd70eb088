namespace FlowGov.Core.Runtime;

/// <summary>Ids for instances, tokens, bookmarks and tasks: injected so runs are reproducible in tests.</summary>
public interface IIdGenerator
{
    string NewId();
}
