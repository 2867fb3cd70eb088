namespace FlowGov.Server.Hosting;

/// <summary>Thrown deep in a request to answer with a ProblemDetails of <see cref="Status"/>; mapped by <see cref="ProblemExceptionHandler"/>.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
    {
    }

    public ApiProblemException(string message)
        : base(message)
    {
    }

    public ApiProblemException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ApiProblemException(int status, string title, string message, IDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Status = status;
        Title = title;
        Extensions = extensions;
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    public string Title { get; } = "Bad request";

    public IDictionary<string, object?>? Extensions { get; }
}
