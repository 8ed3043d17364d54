using Quoalise.Protocol.Forms;

namespace Quoalise.Protocol.Tests.Forms;

public class FormValidatorTests
{
    private static DataForm Submit(params FormField[] fields) => new() { Type = DataFormType.Submit, Fields = fields };

    private static FormField Value(string var, params string[] values) => new() { Var = var, Values = values };

    [Test]
    public void A_missing_required_field_is_named_by_label_and_var()
    {
        var definition = new[] { FormField.TextSingle("identifier", "Series", required: true) };

        var result = FormValidator.Validate(definition, Submit(), "urn:quoalise:0#x");

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Be(new FormFieldError("identifier", "Series ('identifier'): a value is required."));
    }

    [Test]
    public void Empty_and_absent_are_the_same_and_an_absent_optional_field_keeps_its_default()
    {
        var definition = new[] { FormField.TextSingle("a", "A", required: true), FormField.TextSingle("b", "B", value: "default") };

        FormValidator.Validate(definition, Submit(Value("a", "")), null).Errors.Should().ContainSingle(e => e.Var == "a");
        var values = FormValidator.Validate(definition, Submit(Value("a", "x")), null).Values!;
        values.GetString("b").Should().Be("default");
    }

    [Test]
    public void Unknown_fixed_and_hidden_fields_of_the_submission_are_ignored_and_hidden_keeps_our_value()
    {
        var definition = new[] { FormField.Hidden("state", "ours"), FormField.Fixed("note", "Note", "read me"), FormField.TextSingle("a", "A") };
        var submitted = Submit(Value("state", "theirs"), Value("note", "changed"), Value("injected", "x"), Value("a", "1"));

        var values = FormValidator.Validate(definition, submitted, null).Values!;

        values.GetString("state").Should().Be("ours");
        values.Names.Should().BeEquivalentTo("state", "a");
    }

    [TestCase("1", true)]
    [TestCase("true", true)]
    [TestCase("0", false)]
    [TestCase("false", false)]
    public void Booleans_accept_the_four_lexical_forms(string lexical, bool expected)
    {
        var values = FormValidator.Validate([FormField.Boolean("b", "B")], Submit(Value("b", lexical)), null).Values!;

        values.GetBoolean("b").Should().Be(expected);
    }

    [Test]
    public void An_absent_boolean_is_false_and_a_bad_one_is_refused()
    {
        var definition = new[] { FormField.Boolean("b", "Flag") };

        FormValidator.Validate(definition, Submit(), null).Values!.GetBoolean("b").Should().BeFalse();
        FormValidator.Validate(definition, Submit(Value("b", "yes")), null).Errors.Single().Message.Should().Contain("'yes' is not a boolean");
    }

    [Test]
    public void List_values_must_be_offered_options_unless_the_field_is_open()
    {
        var closed = FormField.ListSingle("l", "L", [new FormOption("a"), new FormOption("b")]);
        var open = closed with { Validation = new FieldValidation(Method: ValidationMethod.Open) };
        var multi = FormField.ListMulti("m", "M", [new FormOption("a"), new FormOption("b")]);

        FormValidator.Validate([closed], Submit(Value("l", "c")), null).Errors.Single().Message.Should().Contain("not one of the offered options");
        FormValidator.Validate([open], Submit(Value("l", "c")), null).IsValid.Should().BeTrue();
        FormValidator.Validate([multi], Submit(Value("m", "a", "b")), null).Values!.GetAll("m").Should().Equal("a", "b");
        FormValidator.Validate([multi], Submit(Value("m", "a", "z")), null).IsValid.Should().BeFalse();
    }

    [Test]
    public void Single_valued_fields_refuse_several_values()
    {
        FormValidator.Validate([FormField.TextSingle("t", "T")], Submit(Value("t", "a", "b")), null)
            .Errors.Single().Message.Should().Contain("takes a single value");
    }

    [Test]
    public void Jids_are_parsed_and_jid_multi_drops_duplicates()
    {
        var definition = new[] { FormField.JidSingle("j", "J"), FormField.JidMulti("jm", "JM") };

        var values = FormValidator.Validate(definition, Submit(Value("j", "Alice@Example.org"), Value("jm", "a@b.c", "A@B.C", "d@e.f")), null).Values!;

        values.GetJid("j")!.ToString().Should().Be("alice@example.org");
        values.GetAll("jm").Should().Equal("a@b.c", "d@e.f");
        FormValidator.Validate(definition, Submit(Value("j", "not a jid@")), null).IsValid.Should().BeFalse();
    }

    [TestCase("2026-01-01T00:00:00+01:00", true)]
    [TestCase("2026-01-01T00:00:00Z", true)]
    [TestCase("2026-01-01T00:00:00.123456Z", true)]
    [TestCase("2026-01-01T00:00:00", false)]
    [TestCase("2026-13-01T00:00:00Z", false)]
    [TestCase("yesterday", false)]
    public void Date_times_need_an_offset(string value, bool valid)
    {
        var result = FormValidator.Validate([FormField.DateTime("start_time", "Start")], Submit(Value("start_time", value)), null);

        result.IsValid.Should().Be(valid);
        if (!valid)
        {
            result.Errors.Single().Message.Should().StartWith("Start ('start_time'):").And.Contain("offset");
        }
    }

    [Test]
    public void Typed_values_are_checked_against_their_datatype_and_range()
    {
        FormField Typed(string datatype, string? min = null, string? max = null) =>
            new() { Var = "v", Label = "V", Validation = new FieldValidation(datatype, min is null && max is null ? ValidationMethod.Basic : ValidationMethod.Range, min, max) };

        bool Valid(FormField field, string value) => FormValidator.Validate([field], Submit(Value("v", value)), null).IsValid;

        Valid(Typed(Xep0122.Integer), "42").Should().BeTrue();
        Valid(Typed(Xep0122.Integer), "4.2").Should().BeFalse();
        Valid(Typed(Xep0122.Integer, "1", "10"), "11").Should().BeFalse();
        Valid(Typed(Xep0122.Integer, "1", "10"), "10").Should().BeTrue();
        Valid(Typed(Xep0122.Int), "3000000000").Should().BeFalse();
        Valid(Typed(Xep0122.Decimal), "-12.50").Should().BeTrue();
        Valid(Typed(Xep0122.Decimal, "0", "100"), "100.01").Should().BeFalse();
        Valid(Typed(Xep0122.Date), "2026-02-29").Should().BeFalse();
        Valid(Typed(Xep0122.Date, "2026-01-01", "2026-12-31"), "2026-06-15").Should().BeTrue();
        Valid(Typed(Xep0122.DateTime, "2026-01-01T00:00:00Z"), "2025-12-31T23:59:59Z").Should().BeFalse();
        Valid(Typed(Xep0122.Double), "NaN").Should().BeFalse();
        Valid(Typed("x:unknown"), "anything").Should().BeTrue();
    }

    [Test]
    public void A_regex_must_match_the_whole_value()
    {
        var field = new FormField { Var = "prm", Label = "PRM", Validation = new FieldValidation(Method: ValidationMethod.Regex, Pattern: "[0-9]{14}") };

        FormValidator.Validate([field], Submit(Value("prm", "30001610071843")), null).IsValid.Should().BeTrue();
        FormValidator.Validate([field], Submit(Value("prm", "x30001610071843")), null).IsValid.Should().BeFalse();
    }

    [Test]
    public void Form_type_may_be_absent_but_not_another_one()
    {
        var definition = new[] { FormField.TextSingle("a", "A") };

        FormValidator.Validate(definition, Submit(Value("a", "1")), "urn:quoalise:0#x").IsValid.Should().BeTrue();
        FormValidator.Validate(definition, Submit(Value("FORM_TYPE", "urn:quoalise:0#x"), Value("a", "1")), "urn:quoalise:0#x").IsValid.Should().BeTrue();
        FormValidator.Validate(definition, Submit(Value("FORM_TYPE", "urn:other"), Value("a", "1")), "urn:quoalise:0#x")
            .Errors.Single().Var.Should().Be("FORM_TYPE");
    }

    [Test]
    public void Every_wrong_field_is_reported_and_long_values_are_not_echoed()
    {
        var definition = new[] { FormField.Integer("a", "A"), FormField.Integer("b", "B") };

        var result = FormValidator.Validate(definition, Submit(Value("a", new string('x', 5000)), Value("b", "y")), null);

        result.Errors.Select(e => e.Var).Should().Equal("a", "b");
        result.Errors[0].Message.Length.Should().BeLessThan(200);
    }
}
