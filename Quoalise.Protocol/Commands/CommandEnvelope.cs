using Quoalise.Protocol.Forms;

namespace Quoalise.Protocol.Commands;

/// <summary>A parsed <c>&lt;command/&gt;</c> request: node, action, session and the submitted form, if any.</summary>
internal sealed record CommandEnvelope(string Node, CommandAction Action, string? SessionId, DataForm? Form, string? Language);
