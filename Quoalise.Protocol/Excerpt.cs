namespace Quoalise.Protocol;

/// <summary>Shortens input quoted in errors and logs: never echo a large value back to its sender.</summary>
internal static class Excerpt
{
    public const int MaxLength = 64;

    public static string Of(string? value) =>
        value is null ? string.Empty : value.Length <= MaxLength ? value : string.Concat(value.AsSpan(0, MaxLength), "…");
}
