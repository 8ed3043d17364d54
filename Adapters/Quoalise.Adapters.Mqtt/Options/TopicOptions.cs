namespace Quoalise.Adapters.Mqtt.Options;

/// <summary>
/// <c>Mqtt:Topics</c>: topic templates, each placeholder a whole level. Defaults are the greenhouse bridge's.
/// </summary>
internal sealed class TopicOptions
{
    /// <summary>Readings of one bed; needs <c>{greenhouse}</c> and <c>{bed}</c>.</summary>
    public string Readings { get; set; } = "serre/{greenhouse}/bac/{bed}";

    /// <summary>A controller announcing itself (<c>{"ip", "status"}</c>); needs <c>{mac}</c>.</summary>
    public string Controller { get; set; } = "controleur/{mac}";

    /// <summary>The controller's Last Will, published by the broker when it vanishes; needs <c>{mac}</c>.</summary>
    public string ControllerWill { get; set; } = "controleur/{mac}/disconnect";
}
