namespace Quoalise.Adapters.Mqtt.Topics;

/// <summary>
/// A topic template such as <c>serre/{greenhouse}/bac/{bed}</c>: literal levels and placeholders, each a whole
/// level. Matches a topic level by level and yields the placeholders' values; gives the subscription filter
/// (placeholders become <c>+</c>). Immutable and thread-safe.
/// </summary>
internal sealed class TopicTemplate
{
    private readonly string[] _levels;
    private readonly string?[] _placeholders;

    private TopicTemplate(string text, string[] levels, string?[] placeholders)
    {
        Text = text;
        _levels = levels;
        _placeholders = placeholders;
        Filter = string.Join('/', levels.Select((level, i) => placeholders[i] is null ? level : "+"));
    }

    public string Text { get; }

    /// <summary>The MQTT subscription filter, e.g. <c>serre/+/bac/+</c>.</summary>
    public string Filter { get; }

    public IEnumerable<string> Placeholders => _placeholders.OfType<string>();

    /// <summary>Parses a template; the error names what is wrong, for the options validator.</summary>
    public static bool TryParse(string? text, IReadOnlyCollection<string> required, out TopicTemplate? template, out string? error)
    {
        template = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        if (text.IndexOfAny(['+', '#', '\0']) >= 0 || text.StartsWith('$'))
        {
            error = $"'{text}' may not hold the wildcards + or #, a NUL, or start with $";
            return false;
        }

        var levels = text.Split('/');
        var placeholders = new string?[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            var level = levels[i];
            if (level.Length > 2 && level[0] == '{' && level[^1] == '}')
            {
                var name = level[1..^1];
                if (!required.Contains(name))
                {
                    error = $"'{text}' has the unknown placeholder {{{name}}} (allowed: {string.Join(", ", required.Select(r => "{" + r + "}"))})";
                    return false;
                }

                if (placeholders.Contains(name))
                {
                    error = $"'{text}' has {{{name}}} twice";
                    return false;
                }

                placeholders[i] = name;
            }
            else if (level.Contains('{') || level.Contains('}'))
            {
                error = $"'{text}': a placeholder must be a whole level, as in a/{{x}}/b";
                return false;
            }
        }

        var missing = required.Where(r => !placeholders.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            error = $"'{text}' lacks {string.Join(" and ", missing.Select(m => "{" + m + "}"))}";
            return false;
        }

        template = new TopicTemplate(text, levels, placeholders);
        error = null;
        return true;
    }

    public static TopicTemplate Parse(string text, params string[] required) =>
        TryParse(text, required, out var template, out var error) ? template! : throw new FormatException($"Topic template {error}.");

    /// <summary>Matches <paramref name="topic"/>; on success <paramref name="values"/> holds each placeholder's level.</summary>
    public bool TryMatch(string topic, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        for (var i = 0; i < _levels.Length; i++)
        {
            var end = topic.IndexOf('/', position);
            var last = i == _levels.Length - 1;
            if (last != (end < 0))
            {
                return false;
            }

            var level = last ? topic.AsSpan(position) : topic.AsSpan(position, end - position);
            if (_placeholders[i] is { } name)
            {
                if (level.IsEmpty)
                {
                    return false;
                }

                values[name] = level.ToString();
            }
            else if (!level.SequenceEqual(_levels[i]))
            {
                return false;
            }

            position = end + 1;
        }

        return true;
    }

    /// <summary>The topic for these values, e.g. what a device publishes to.</summary>
    public string Format(IReadOnlyDictionary<string, string> values) =>
        string.Join('/', _levels.Select((level, i) => _placeholders[i] is { } name ? values[name] : level));

    public override string ToString() => Text;
}
