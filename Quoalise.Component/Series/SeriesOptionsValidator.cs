using Microsoft.Extensions.Options;

namespace Quoalise.Component.Series;

/// <summary>Checks the <c>Series</c> section, one message per wrong key.</summary>
public sealed class SeriesOptionsValidator : IValidateOptions<SeriesOptions>
{
    public ValidateOptionsResult Validate(string? name, SeriesOptions options)
    {
        var errors = new List<string>();
        void AtLeast(string key, double value, double min)
        {
            if (value < min)
            {
                errors.Add($"Series:{key} must be at least {min} (got {value}).");
            }
        }

        AtLeast(nameof(options.MaxPointsPerResponse), options.MaxPointsPerResponse, 1);
        AtLeast(nameof(options.PushMaxRecords), options.PushMaxRecords, 1);
        AtLeast(nameof(options.PushMessagesPerSecond), options.PushMessagesPerSecond, 0.1);
        AtLeast(nameof(options.PushBacklogPoints), options.PushBacklogPoints, 1000);
        AtLeast(nameof(options.MaxSubscriptionsPerRequester), options.MaxSubscriptionsPerRequester, 1);
        AtLeast(nameof(options.MaxListedSeries), options.MaxListedSeries, 1);
        if (options.MaxPayloadCharacters is < 16 * 1024 or > 240 * 1024)
        {
            errors.Add($"Series:MaxPayloadCharacters must be between 16384 and 245760, to keep answers under 256 KiB (got {options.MaxPayloadCharacters}).");
        }

        if (options.DefaultHistoryWindow <= TimeSpan.Zero)
        {
            errors.Add($"Series:DefaultHistoryWindow must be a positive duration such as 1.00:00:00 (got {options.DefaultHistoryWindow}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
