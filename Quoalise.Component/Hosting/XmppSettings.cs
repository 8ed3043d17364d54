using Microsoft.Extensions.Options;

namespace Quoalise.Component.Hosting;

/// <summary>
/// The <c>Xmpp</c> settings as the link reads them at each connection attempt: a corrected secret is
/// picked up without a restart, while an invalid edit is logged and the last valid settings kept.
/// Thread-safe.
/// </summary>
public sealed class XmppSettings
{
    private readonly IOptionsMonitor<XmppOptions> _monitor;
    private readonly ILogger _logger;
    private XmppOptions _lastValid;

    public XmppSettings(IOptionsMonitor<XmppOptions> monitor, ILogger<XmppSettings> logger)
    {
        _monitor = monitor;
        _logger = logger;
        _lastValid = monitor.CurrentValue;
    }

    public XmppOptions Current
    {
        get
        {
            try
            {
                return _lastValid = _monitor.CurrentValue;
            }
            catch (OptionsValidationException e)
            {
                _logger.InvalidSettingsChange(XmppOptions.Section, string.Join(" ", e.Failures));
                return _lastValid;
            }
        }
    }
}
