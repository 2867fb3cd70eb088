using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Organization;

/// <summary>The district's org tree: everyone reads it, admins change it.</summary>
public static class OrgUnitEndpoints
{
    public static RouteGroupBuilder MapOrgUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/org-units").WithTags("Org units");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPatch("/{id}", RenameAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    private static async Task<Ok<List<OrgUnitResponse>>> ListAsync(FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    private static async Task<Results<Ok<OrgUnitResponse>, ProblemHttpResult>> GetAsync(string id, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return row is null ? Problems.NotFound($"No org unit '{id}' in your district.") : TypedResults.Ok(ToResponse(row));
    }

    private static async Task<Results<Created<OrgUnitResponse>, ProblemHttpResult>> CreateAsync(OrgUnitRequest request, FlowGovDbContext db, FlowGovDatabase database, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Id) || !Slug.IsValid(request.Id))
        {
            return Problems.BadRequest("id must be a lower-case identifier (letters, digits, hyphens), e.g. 'tc-wenchang-g12'.", "id");
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.BadRequest("name is required.", "name");
        }

        if (!Enum.TryParse<OrgUnitKind>(request.Kind, ignoreCase: true, out var kind) || kind is OrgUnitKind.City or OrgUnitKind.District)
        {
            return Problems.BadRequest("kind must be street, community, grid, building or department.", "kind");
        }

        if (string.IsNullOrEmpty(request.ParentId) || !await db.OrgUnits.AnyAsync(u => u.Id == request.ParentId, cancellationToken))
        {
            return Problems.NotFound($"parentId '{request.ParentId}' is not an org unit of your district.");
        }

        if (await IdTakenAsync(database, request.Id, cancellationToken))
        {
            return Problems.Conflict($"The org unit id '{request.Id}' is taken.");
        }

        var row = new OrgUnitRow { Id = request.Id, District = me.District, ParentId = request.ParentId, Kind = kind, Name = request.Name.Trim() };
        db.OrgUnits.Add(row);
        AuditTrail.Add(db, me, "org-unit.create", row.Id, clock.GetUtcNow(), row.Name);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/org-units/{row.Id}", ToResponse(row));
    }

    private static async Task<Results<Ok<OrgUnitResponse>, ProblemHttpResult>> RenameAsync(string id, OrgUnitRequest request, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"No org unit '{id}' in your district.");
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Problems.BadRequest("name is required.", "name");
        }

        row.Name = request.Name.Trim();
        AuditTrail.Add(db, me, "org-unit.rename", id, clock.GetUtcNow(), row.Name);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"No org unit '{id}' in your district.");
        }

        if (row.ParentId is null)
        {
            return Problems.Conflict("The district's root unit cannot be deleted.");
        }

        if (await db.OrgUnits.AnyAsync(u => u.ParentId == id, cancellationToken) || await db.RoleAssignments.AnyAsync(a => a.OrgUnitId == id, cancellationToken))
        {
            return Problems.Conflict($"Org unit '{id}' still has units below it or roles held at it; move or remove those first.");
        }

        db.OrgUnits.Remove(row);
        AuditTrail.Add(db, me, "org-unit.delete", id, clock.GetUtcNow(), row.Name);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IdTakenAsync(FlowGovDatabase database, string id, CancellationToken cancellationToken)
    {
        // Ids are global primary keys: look across districts, answer only "taken".
        await using var all = database.CreateContext(DistrictScope.AllDistricts);
        return await all.OrgUnits.AnyAsync(u => u.Id == id, cancellationToken);
    }

    private static OrgUnitResponse ToResponse(OrgUnitRow u) => new(u.Id, u.ParentId, u.Kind.ToString().ToLowerInvariant(), u.Name);
}
