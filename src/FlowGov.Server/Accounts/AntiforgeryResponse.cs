namespace FlowGov.Server.Accounts;

/// <summary>Send <see cref="Token"/> in the <see cref="HeaderName"/> header of every state-changing request made with the cookie.</summary>
public sealed record AntiforgeryResponse(string HeaderName, string Token);
