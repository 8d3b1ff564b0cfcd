namespace ConcurrencyService.Experiments.Claims;

/// <summary>What the measurements on this machine say about a tutorial's claim.</summary>
public enum ClaimVerdict
{
    /// <summary>It holds in .NET.</summary>
    Holds,

    /// <summary>It does not hold in .NET, but does under the emulated GIL: a CPython fact, not a general one.</summary>
    HoldsOnlyUnderGil,

    /// <summary>It holds neither in .NET nor under the emulated GIL.</summary>
    DoesNotHold,

    /// <summary>The measurements cannot decide: the preset failed, was cancelled, or the machine has one core.</summary>
    Inconclusive,

    /// <summary>The presets it needs have not finished yet.</summary>
    Pending,
}
