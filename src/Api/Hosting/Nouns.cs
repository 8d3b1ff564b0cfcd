namespace ConcurrencyService.Api.Hosting;

/// <summary>Names a resource in a message: "a job", "an experiment".</summary>
public static class Nouns
{
    /// <param name="capital">True at the start of a sentence: "A job", "An experiment".</param>
    public static string WithArticle(string noun, bool capital = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(noun);
        var article = noun[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";
        return $"{(capital ? char.ToUpperInvariant(article[0]) + article[1..] : article)} {noun}";
    }
}
