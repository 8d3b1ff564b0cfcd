namespace ConcurrencyService.Load.Tests;

/// <summary>
/// Tests that time real waits, and the smoke run that loads both cores: kept apart so the smoke run's load never
/// starves the runner tests' timers on a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
