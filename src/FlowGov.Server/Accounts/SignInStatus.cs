namespace FlowGov.Server.Accounts;

public enum SignInStatus
{
    Succeeded,
    Failed,
    LockedOut,
}
