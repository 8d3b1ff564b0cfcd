namespace ConcurrencyService.Experiments.Presets;

/// <summary>How big a preset runs: the tutorials' own sizes, or small ones that finish in seconds (for tests and a first look).</summary>
public enum PresetSize
{
    Default,
    Small,
}
