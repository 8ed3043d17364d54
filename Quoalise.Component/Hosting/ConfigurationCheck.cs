using Microsoft.Extensions.Options;

namespace Quoalise.Component.Hosting;

/// <summary>
/// Validates every options section registered with <c>ValidateOnStart</c> before anything starts, and
/// reports each wrong setting on its own line, so an operator fixes them all in one go.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Exit code for invalid configuration (sysexits EX_CONFIG).</summary>
    public const int InvalidConfigurationExitCode = 78;

    /// <returns>True when the configuration is valid; otherwise the errors were written to <paramref name="error"/>.</returns>
    public static bool TryValidate(IServiceProvider services, TextWriter error)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException)
        {
            var failures = Failures(e).ToList();
            error.WriteLine($"Quoalise cannot start: {failures.Count} configuration error(s).");
            foreach (var failure in failures)
            {
                error.WriteLine("  " + failure);
            }

            error.WriteLine("Settings come from appsettings.json, environment variables (Xmpp__Secret=…) and the command line (--Xmpp:Secret=…).");
            return false;
        }
    }

    private static IEnumerable<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => [e.Message],
    };
}
