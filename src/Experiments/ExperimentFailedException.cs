namespace ConcurrencyService.Experiments;

/// <summary>An experiment cannot go on: a task failed, a result differed, a worker host would not start. <see cref="Code"/> is stable for programs.</summary>
public sealed class ExperimentFailedException : Exception
{
    public ExperimentFailedException()
    {
        Code = "experimentFailed";
    }

    public ExperimentFailedException(string message)
        : base(message)
    {
        Code = "experimentFailed";
    }

    public ExperimentFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "experimentFailed";
    }

    public ExperimentFailedException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
