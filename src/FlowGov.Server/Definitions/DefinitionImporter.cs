using FlowGov.Core.Definitions;
using FlowGov.Core.Validation;
using FlowGov.Data.Versioning;

namespace FlowGov.Server.Definitions;

/// <summary>Imports a definition into a district: validates it, saves it as the draft (over any existing one) and publishes it.</summary>
public static class DefinitionImporter
{
    public static async Task<ImportResult> ImportAsync(int index, WorkflowDefinition definition, string district, DefinitionService service, DefinitionValidator validator, AuditActor actor, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(validator);
        var draft = definition with { District = district, Version = 0, ContentHash = null };
        var report = validator.Validate(draft);
        if (!report.Ok)
        {
            return new ImportResult(index, definition.Key, null, report.Problems);
        }

        var current = await service.GetDraftAsync(district, draft.Key, cancellationToken);
        var revision = await service.SaveDraftAsync(draft, current?.Revision ?? 0, actor, cancellationToken: cancellationToken);
        var published = await service.PublishAsync(district, draft.Key, revision, note, actor, cancellationToken);
        return new ImportResult(index, definition.Key, published.Version, []);
    }
}
