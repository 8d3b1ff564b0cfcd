namespace ConcurrencyService.Load.Commands;

/// <summary>What the runner's exit code means.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A threshold was broken (or, in the smoke suite, an iteration failed).</summary>
    public const int ThresholdsBroken = 1;

    /// <summary>The command line was not understood; nothing ran.</summary>
    public const int Usage = 2;

    /// <summary>The run could not be carried out: the server did not start or could not be reached.</summary>
    public const int CouldNotRun = 3;
}
