using System.Xml.Linq;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Xml;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Forms;

public class DataFormCodecTests
{
    [Test]
    public void Writes_every_field_type_with_explicit_types_and_validation()
    {
        var form = new DataForm
        {
            Type = DataFormType.Form,
            Title = "All types",
            Instructions = ["Fill it in."],
            Fields =
            [
                FormField.Hidden("FORM_TYPE", "urn:test"),
                FormField.TextSingle("t", "Text", required: true, value: "x", description: "help"),
                FormField.TextMulti("m", "Multi", ["a", "b"]),
                FormField.TextPrivate("p", "Secret"),
                FormField.Boolean("b", "Flag", true),
                FormField.Fixed(null, null, "Read me"),
                FormField.JidSingle("j", "Jid"),
                FormField.JidMulti("jm", "Jids"),
                FormField.ListSingle("l", "List", [new FormOption("1", "One"), new FormOption("2")]),
                FormField.ListMulti("lm", "Lists", [new FormOption("x")]),
                FormField.DateTime("d", "When"),
                FormField.Integer("n", "Count", min: 1, max: 10),
            ],
        };

        var xml = DataFormCodec.Write(form);

        XmlComparison.Diff(xml, """
            <x xmlns='jabber:x:data' type='form'>
              <title>All types</title>
              <instructions>Fill it in.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>urn:test</value></field>
              <field type='text-single' var='t' label='Text'><desc>help</desc><required/><value>x</value></field>
              <field type='text-multi' var='m' label='Multi'><value>a</value><value>b</value></field>
              <field type='text-private' var='p' label='Secret'/>
              <field type='boolean' var='b' label='Flag'><value>1</value></field>
              <field type='fixed'><value>Read me</value></field>
              <field type='jid-single' var='j' label='Jid'/>
              <field type='jid-multi' var='jm' label='Jids'/>
              <field type='list-single' var='l' label='List'><option label='One'><value>1</value></option><option><value>2</value></option></field>
              <field type='list-multi' var='lm' label='Lists'><option><value>x</value></option></field>
              <field type='text-single' var='d' label='When'><desc>{any}</desc>
                <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:dateTime'><basic/></validate></field>
              <field type='text-single' var='n' label='Count'>
                <validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'><range min='1' max='10'/></validate></field>
            </x>
            """).Should().BeNull();
    }

    [Test]
    public void Round_trips_a_form_through_its_xml()
    {
        var form = new DataForm
        {
            Type = DataFormType.Submit,
            Fields =
            [
                FormField.ListMulti("l", "L", [new FormOption("a", "A"), new FormOption("b")], values: ["a", "b"]),
                FormField.Integer("n", "N", value: 3, min: 0, max: 5),
            ],
        };

        var parsed = DataFormCodec.Parse(DataFormCodec.Write(form));

        parsed.Type.Should().Be(DataFormType.Submit);
        parsed.Fields.Should().BeEquivalentTo(form.Fields);
    }

    [Test]
    public void Reads_a_missing_or_unknown_field_type_as_text_single_and_a_method_in_either_namespace()
    {
        var form = DataFormCodec.Parse(SafeXml.Parse("""
            <x xmlns='jabber:x:data' type='submit'>
              <field var='a'><value>1</value></field>
              <field var='b' type='colour-picker'><value>red</value></field>
              <field var='c'><validate xmlns='http://jabber.org/protocol/xdata-validate' datatype='xs:integer'><range xmlns='jabber:x:data' min='1'/></validate></field>
            </x>
            """));

        form.Fields.Select(f => f.Type).Should().AllBeEquivalentTo(FormFieldType.TextSingle);
        form.Field("c")!.Validation.Should().Be(new FieldValidation("xs:integer", ValidationMethod.Range, "1"));
    }

    [Test]
    public void Reads_tables_with_reported_columns_and_items()
    {
        var form = DataFormCodec.Parse(SafeXml.Parse("""
            <x xmlns='jabber:x:data' type='result'><title>T</title>
              <reported><field var='id' label='Id'/></reported>
              <item><field var='id'><value>1</value></field></item>
              <item><field var='id'><value>2</value></field></item>
            </x>
            """));

        form.Reported!.Select(f => f.Var).Should().Equal("id");
        form.Items.Select(i => i[0].Value).Should().Equal("1", "2");
    }

    [TestCase("<x xmlns='jabber:x:data'/>", "type")]
    [TestCase("<x xmlns='jabber:x:data' type='maybe'/>", "type")]
    [TestCase("<y xmlns='jabber:x:data' type='submit'/>", "jabber:x:data")]
    public void Rejects_a_form_without_a_valid_type(string xml, string mentioned)
    {
        var parse = () => DataFormCodec.Parse(SafeXml.Parse(xml));

        parse.Should().Throw<DataFormFormatException>().WithMessage($"*{mentioned}*");
    }

    [Test]
    public void Rejects_forms_over_the_size_caps()
    {
        var tooManyFields = new XElement(Xep0004.X, new XAttribute("type", "submit"),
            Enumerable.Range(0, Xep0004.MaxFields + 1).Select(i => new XElement(Xep0004.Field, new XAttribute("var", $"f{i}"))));
        var tooManyValues = new XElement(Xep0004.X, new XAttribute("type", "submit"),
            new XElement(Xep0004.Field, new XAttribute("var", "f"), Enumerable.Range(0, Xep0004.MaxValuesPerField + 1).Select(i => new XElement(Xep0004.Value, "v"))));
        var tooLongValue = new XElement(Xep0004.X, new XAttribute("type", "submit"),
            new XElement(Xep0004.Field, new XAttribute("var", "f"), new XElement(Xep0004.Value, new string('v', Xep0004.MaxValueLength + 1))));
        var tooMuchText = new XElement(Xep0004.X, new XAttribute("type", "submit"),
            Enumerable.Range(0, 20).Select(i => new XElement(Xep0004.Field, new XAttribute("var", $"f{i}"), new XElement(Xep0004.Value, new string('v', 4000)))));

        foreach (var form in new[] { tooManyFields, tooManyValues, tooLongValue, tooMuchText })
        {
            var parse = () => DataFormCodec.Parse(form);
            parse.Should().Throw<DataFormFormatException>();
        }
    }
}
