namespace ConcurrencyService.Experiments.Advice;

/// <summary>One thing the noise rules found, as a sentence, and the doubt it raises (none for a flag or a note).</summary>
internal sealed record Finding(string Text, Doubts Raises)
{
    /// <summary>Doubts that make every comparison on these measurements unreliable, not only a wide one.</summary>
    public const Doubts Blocking = Doubts.BusyMachine | Doubts.StarvedBaseline | Doubts.ShortCells;

    public bool Blocks => (Raises & Blocking) != 0;
}
