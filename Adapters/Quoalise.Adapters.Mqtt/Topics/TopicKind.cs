namespace Quoalise.Adapters.Mqtt.Topics;

/// <summary>What a topic carries, as the bridge's <c>on_message</c> routed it.</summary>
internal enum TopicKind
{
    /// <summary>Not ours: another application's traffic on the same broker, passed through untouched.</summary>
    Other,

    /// <summary><c>serre/&lt;n&gt;/bac/&lt;n&gt;</c>: sensor readings of one bed.</summary>
    Readings,

    /// <summary><c>controleur/&lt;MAC&gt;</c>: a controller announcing its address and status.</summary>
    Controller,

    /// <summary><c>controleur/&lt;MAC&gt;/disconnect</c>: the Last Will, the controller is offline.</summary>
    ControllerWill,
}
