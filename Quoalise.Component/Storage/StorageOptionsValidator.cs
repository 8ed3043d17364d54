using Microsoft.Extensions.Options;
using Quoalise.Adapters.Storage;

namespace Quoalise.Component.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> and reports every wrong setting at once, one line each, naming
/// the configuration key and what it accepts. Stateless and thread-safe.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const int MaxBatchPoints = 100_000;
    private const int MaxPoolSize = 1_000;

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        var section = StorageOptions.SectionName;

        if (!StorageProviders.TryParse(options.Provider, out var engine))
        {
            errors.Add($"{section}:{nameof(options.Provider)} is '{options.Provider}'; allowed values: {string.Join(", ", StorageProviders.Names)}.");
        }
        else if (engine != SqlEngine.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{section}:{nameof(options.ConnectionString)} is required when {section}:{nameof(options.Provider)} is '{options.Provider}'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add($"{section}:{nameof(options.DataDirectory)} must name a folder (default 'data').");
        }

        if (options.WriteBatchPoints is < 1 or > MaxBatchPoints)
        {
            errors.Add($"{section}:{nameof(options.WriteBatchPoints)} is {options.WriteBatchPoints}; allowed: 1 to {MaxBatchPoints}.");
        }

        if (options.WriteBufferPoints < options.WriteBatchPoints)
        {
            errors.Add($"{section}:{nameof(options.WriteBufferPoints)} is {options.WriteBufferPoints}; it must be at least {section}:{nameof(options.WriteBatchPoints)} ({options.WriteBatchPoints}).");
        }

        if (options.MaxConnections is < 1 or > MaxPoolSize)
        {
            errors.Add($"{section}:{nameof(options.MaxConnections)} is {options.MaxConnections}; allowed: 1 to {MaxPoolSize}.");
        }
        else if (engine != SqlEngine.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString) && ConnectionStringProblem(engine, options) is { } problem)
        {
            errors.Add($"{section}:{nameof(options.ConnectionString)} cannot be used: {problem}");
        }

        if (options.RetryFirstDelay <= TimeSpan.Zero)
        {
            errors.Add($"{section}:{nameof(options.RetryFirstDelay)} is {options.RetryFirstDelay}; it must be a positive duration such as 00:00:00.200.");
        }

        if (options.RetryMaxDelay < options.RetryFirstDelay)
        {
            errors.Add($"{section}:{nameof(options.RetryMaxDelay)} is {options.RetryMaxDelay}; it must be at least {section}:{nameof(options.RetryFirstDelay)} ({options.RetryFirstDelay}).");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{section}:{nameof(options.CommandTimeout)} is {options.CommandTimeout}; it must be at least one second (00:00:01).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The driver's objection to the connection string (an unknown keyword, a pool size at odds with
    /// <c>MaxConnections</c>), found by building the data source as start-up will, which does not connect.
    /// </summary>
    private static string? ConnectionStringProblem(SqlEngine engine, StorageOptions options)
    {
        try
        {
            using var dataSource = StorageEngine.For(engine).CreateDataSource(options);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            return e.Message;
        }
    }
}
