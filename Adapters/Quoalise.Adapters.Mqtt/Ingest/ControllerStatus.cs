namespace Quoalise.Adapters.Mqtt.Ingest;

/// <summary>What <c>controleur/&lt;MAC&gt;</c> announced: its address and whether it is running.</summary>
internal sealed record ControllerStatus(string Ip, bool Online);
