namespace FlowGov.Server.Definitions;

/// <summary>Fork a city template into the district; <see cref="NewKey"/> defaults to the template's key.</summary>
public sealed record ForkRequest(string? NewKey);
