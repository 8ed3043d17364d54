using System.Xml.Linq;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.IntegrationTests.Support;

/// <summary>An XEP-0050 reply as a client sees it (result or error), read for assertions.</summary>
internal sealed class CommandReply
{
    private static readonly XNamespace StanzaErrors = "urn:ietf:params:xml:ns:xmpp-stanzas";

    public CommandReply(XElement iq)
    {
        Iq = iq;
        Command = iq.Element(Xep0050.Command);
        var error = iq.Elements().FirstOrDefault(e => e.Name.LocalName == "error");
        ErrorType = (string?)error?.Attribute("type");
        ErrorCondition = error?.Elements().FirstOrDefault(e => e.Name.Namespace == StanzaErrors && e.Name.LocalName != "text")?.Name.LocalName;
        ErrorText = (string?)error?.Element(StanzaErrors + "text");
        ErrorApplication = error?.Elements().FirstOrDefault(e => e.Name.Namespace != StanzaErrors);
    }

    public XElement Iq { get; }

    public XElement? Command { get; }

    public string? Status => (string?)Command?.Attribute("status");

    public string? SessionId => (string?)Command?.Attribute("sessionid");

    public string? DefaultAction => (string?)Command?.Element(Xep0050.Actions)?.Attribute("execute");

    public IReadOnlyList<string> Actions => Command?.Element(Xep0050.Actions)?.Elements().Select(e => e.Name.LocalName).ToList() ?? [];

    public IReadOnlyList<(string Type, string Text)> Notes =>
        Command?.Elements(Xep0050.Note).Select(n => ((string?)n.Attribute("type") ?? "info", n.Value)).ToList() ?? [];

    public IReadOnlyList<DataForm> Forms => Command?.Elements(Xep0004.X).Select(DataFormCodec.Parse).ToList() ?? [];

    public DataForm Form => Forms[0];

    public XElement? Quoalise => Command?.Element(XName.Get("quoalise", "urn:quoalise:0"));

    public string? ErrorType { get; }

    public string? ErrorCondition { get; }

    public string? ErrorText { get; }

    public XElement? ErrorApplication { get; }

    public bool IsError => (string?)Iq.Attribute("type") == "error";

    public string? Field(string var) => Form.Field(var)?.Value;

    public override string ToString() => Iq.ToString();
}
