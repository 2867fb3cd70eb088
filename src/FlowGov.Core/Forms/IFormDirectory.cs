namespace FlowGov.Core.Forms;

/// <summary>The district's users and org units, as far as form validation needs them (person and orgunit fields).</summary>
public interface IFormDirectory
{
    bool IsUser(string userId);

    bool IsOrgUnit(string orgUnitId);
}
