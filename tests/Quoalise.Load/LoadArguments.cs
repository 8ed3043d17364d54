namespace Quoalise.Load;

/// <summary>What the verbs' option parsers share.</summary>
internal static class LoadArguments
{
    /// <summary>
    /// Whether <paramref name="flag"/>, an option without a value, is among <paramref name="args"/>, and the arguments
    /// without it, so that the rest parse as name–value pairs.
    /// </summary>
    public static (bool Present, IReadOnlyList<string> Others) TakeFlag(IReadOnlyList<string> args, string flag) =>
        (args.Contains(flag), [.. args.Where(arg => arg != flag)]);
}
