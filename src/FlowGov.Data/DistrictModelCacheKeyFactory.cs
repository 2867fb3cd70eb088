using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace FlowGov.Data;

/// <summary>
/// One cached model per context type and scope kind: the district query filter of a scoped context
/// is a plain <c>district = @d</c> (usable as an index prefix), and an all-districts context has no
/// filter. A single model with <c>@all OR district = @d</c> made SQLite scan whole indexes.
/// </summary>
internal sealed class DistrictModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is FlowGovDbContext f
            ? (context.GetType(), f.Scope.IsAllDistricts, designTime)
            : (object)(context.GetType(), designTime);
}
