namespace Quoalise.Protocol.Forms;

/// <summary>One wrong field: its name, and a sentence naming its label, the value and the rule it breaks.</summary>
public sealed record FormFieldError(string Var, string Message);
