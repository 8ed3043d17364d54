using Quoalise.Protocol.Stream;

namespace Quoalise.Component.Hosting;

/// <summary>Turns a refusal by the XMPP server into the setting an operator has to fix.</summary>
internal static class ConfigurationHints
{
    public static string For(StreamErrorException refusal, XmppOptions options) => refusal.Condition switch
    {
        StreamErrorCondition.NotAuthorized =>
            $"Xmpp:Secret must equal the component_secret the server at {options.Host}:{options.Port} has for {options.Domain} "
            + "(ejabberd also answers this when the domain is not listed under the ejabberd_service listener's hosts)",
        StreamErrorCondition.HostUnknown =>
            $"Xmpp:Domain: the server at {options.Host}:{options.Port} has no component '{options.Domain}'; add Component \"{options.Domain}\" to its configuration, or correct Xmpp:Domain",
        _ => "the Xmpp section",
    };
}
