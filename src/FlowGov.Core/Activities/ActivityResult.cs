namespace FlowGov.Core.Activities;

/// <summary>What an activity tells the runner to do with its token. A small struct: returning it allocates nothing.</summary>
public readonly struct ActivityResult
{
    private ActivityResult(ActivityResultKind kind, string? port, IReadOnlyList<string>? ports, string? message, string? property, int? line, int? column)
    {
        Kind = kind;
        Port = port;
        Ports = ports;
        Message = message;
        Property = property;
        Line = line;
        Column = column;
    }

    public ActivityResultKind Kind { get; }

    public string? Port { get; }

    public IReadOnlyList<string>? Ports { get; }

    public string? Message { get; }

    public string? Property { get; }

    public int? Line { get; }

    public int? Column { get; }

    public static ActivityResult Done { get; } = new(ActivityResultKind.Outcome, Definitions.Ports.Done, null, null, null, null, null);

    public static ActivityResult Wait { get; } = new(ActivityResultKind.Wait, null, null, null, null, null, null);

    public static ActivityResult End { get; } = new(ActivityResultKind.End, null, null, null, null, null, null);

    public static ActivityResult Absorb { get; } = new(ActivityResultKind.Absorb, null, null, null, null, null, null);

    public static ActivityResult Outcome(string port) => new(ActivityResultKind.Outcome, port, null, null, null, null, null);

    public static ActivityResult Outcomes(IReadOnlyList<string> ports) => new(ActivityResultKind.Outcome, null, ports, null, null, null, null);

    public static ActivityResult Emit(string port) => new(ActivityResultKind.Emit, port, null, null, null, null, null);

    public static ActivityResult Fault(string message, string? property = null, int? line = null, int? column = null) =>
        new(ActivityResultKind.Fault, null, null, message, property, line, column);

    public static ActivityResult Reject(string message) => new(ActivityResultKind.Reject, null, null, message, null, null, null);
}
