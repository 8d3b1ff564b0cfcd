using System.Text.Json;

namespace ConcurrencyService.Api.Hosting;

/// <summary>
/// Finds text in a parsed JSON body that cannot become a .NET string: bytes that are not UTF-8, or an escape of a lone
/// surrogate (<c>"\ud800"</c>). The parser lets both through and the first read of the value throws, which would be a
/// 500; reading every string and property name once, up front, turns them into a 400 naming the field and byte offset.
/// </summary>
public static class JsonText
{
    /// <summary>Run it before parsing into a document: the parser itself may read property names (to refuse duplicates) and throw.</summary>
    /// <returns>null when all text is readable (or the body is not JSON); otherwise the JSON path of the bad value (<c>$</c> for a property name) and the message.</returns>
    public static (string Field, string Message)? FindUnreadable(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth });
        var path = new JsonPathTracker();
        while (TryRead(ref reader))
        {
            var isName = reader.TokenType == JsonTokenType.PropertyName;
            if (!isName)
            {
                path.Step(reader.TokenType);
            }

            if (!isName && reader.TokenType != JsonTokenType.String)
            {
                continue;
            }

            try
            {
                var text = reader.GetString()!;
                if (isName)
                {
                    path.Name(text);
                }
            }
            catch (InvalidOperationException)
            {
                var field = isName ? path.Parent : path.Current;
                var what = isName ? $"A property name in '{field}'" : $"The value of '{field}'";
                return (field, $"{what} at byte {reader.TokenStartIndex} is not valid text: it holds bytes that are not UTF-8, or an unpaired surrogate escape such as \\ud800.");
            }
        }

        return null;
    }

    // Text that is not JSON at all is the parser's to describe: stop at it.
    private static bool TryRead(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The JSON path (<c>parameters.url</c>, <c>workers[1]</c>) of the value the reader is on, in the error keys' style.</summary>
    private sealed class JsonPathTracker
    {
        private readonly List<(bool IsArray, int Index, string? Name)> _frames = [];

        public string Current => Render(_frames.Count);

        public string Parent => Render(_frames.Count - 1);

        public void Name(string name)
        {
            _frames[^1] = (false, 0, name);
        }

        public void Step(JsonTokenType token)
        {
            switch (token)
            {
                case JsonTokenType.StartObject:
                    NextElement();
                    _frames.Add((false, 0, null));
                    break;
                case JsonTokenType.StartArray:
                    NextElement();
                    _frames.Add((true, -1, null));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
                default:
                    NextElement();
                    break;
            }
        }

        // A value inside an array moves the array's index on.
        private void NextElement()
        {
            if (_frames.Count > 0 && _frames[^1].IsArray)
            {
                _frames[^1] = (true, _frames[^1].Index + 1, null);
            }
        }

        private string Render(int depth)
        {
            var text = new System.Text.StringBuilder();
            for (var i = 0; i < depth && i < _frames.Count; i++)
            {
                var (isArray, index, name) = _frames[i];
                if (isArray)
                {
                    text.Append('[').Append(index).Append(']');
                }
                else if (name is not null)
                {
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
                }
            }

            return text.Length == 0 ? "$" : text.ToString();
        }
    }
}
