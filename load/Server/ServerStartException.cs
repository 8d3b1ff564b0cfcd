namespace ConcurrencyService.Load.Server;

/// <summary>The embedded API could not be started or did not become ready.</summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServerStartException()
    {
    }
}
