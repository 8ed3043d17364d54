using Quoalise.Adapters.Mqtt.Options;
using Quoalise.Adapters.Mqtt.Topics;

namespace Quoalise.Adapters.Mqtt.Tests.Topics;

public class TopicTemplateTests
{
    private readonly TopicRouter _router = new(new TopicOptions());

    [Test]
    public void The_seed_topics_route_to_readings_controller_and_Last_Will_with_their_values()
    {
        _router.Route("serre/1/bac/2").Should().Be(new TopicMatch(TopicKind.Readings, Greenhouse: "1", Bed: "2"));
        _router.Route("controleur/24:D7:EB:38:DC:38").Should().Be(new TopicMatch(TopicKind.Controller, Mac: "24:D7:EB:38:DC:38"));
        _router.Route("controleur/24:D7:EB:38:DC:38/disconnect").Should().Be(new TopicMatch(TopicKind.ControllerWill, Mac: "24:D7:EB:38:DC:38"));
    }

    [TestCase("serre/1/bac")]
    [TestCase("serre/1/bac/2/extra")]
    [TestCase("serre//bac/2")]
    [TestCase("Serre/1/bac/2")]
    [TestCase("controleur")]
    [TestCase("")]
    public void Anything_else_is_another_application_s_topic(string topic)
    {
        _router.Route(topic).Kind.Should().Be(TopicKind.Other);
    }

    [Test]
    public void Filters_replace_placeholders_with_single_level_wildcards_and_may_be_shared()
    {
        _router.Filters(null).Should().Equal("serre/+/bac/+", "controleur/+", "controleur/+/disconnect");
        _router.Filters("greenhouses").Should().Equal("$share/greenhouses/serre/+/bac/+", "$share/greenhouses/controleur/+", "$share/greenhouses/controleur/+/disconnect");
    }

    [TestCase("a/{greenhouse}x/{bed}", "a placeholder must be a whole level")]
    [TestCase("a/{bed}/{bed}/{greenhouse}", "has {bed} twice")]
    [TestCase("$SYS/{greenhouse}/{bed}", "start with $")]
    [TestCase("a/#", "wildcards")]
    public void Malformed_templates_say_what_is_wrong(string text, string error)
    {
        TopicTemplate.TryParse(text, [TopicRouter.GreenhousePlaceholder, TopicRouter.BedPlaceholder], out _, out var message).Should().BeFalse();
        message.Should().Contain(error);
    }

    [Test]
    public void Format_is_the_inverse_of_match()
    {
        var template = TopicTemplate.Parse("site/{greenhouse}/beds/{bed}", TopicRouter.GreenhousePlaceholder, TopicRouter.BedPlaceholder);

        template.TryMatch(template.Format(new Dictionary<string, string> { ["greenhouse"] = "3", ["bed"] = "14" }), out var values).Should().BeTrue();
        values.Should().Equal(new Dictionary<string, string> { ["greenhouse"] = "3", ["bed"] = "14" });
    }
}
