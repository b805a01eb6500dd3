package dev.acepipe.report.junit;

import static dev.acepipe.report.html.SampleRuns.T0;
import static dev.acepipe.report.html.SampleRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.diagnostic.Severity;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.report.html.RunReport;
import dev.acepipe.report.html.SampleRuns;
import dev.acepipe.report.html.StepRun;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitXmlTest {
  @TempDir Path dir;

  @Test
  void runReportIsValidJUnitXml() {
    String xml = JUnitXml.forRun(SampleRuns.nightDrive());

    assertThatCode(() -> validate(xml)).doesNotThrowAnyException();
  }

  @Test
  void schemaRejectsWhatCiServersWouldMisread() {
    String twoOutcomes =
        "<testsuites><testsuite name=\"s\" tests=\"1\"><testcase name=\"c\"><failure/><skipped/>"
            + "</testcase></testsuite></testsuites>";
    String commaTime = "<testsuites><testsuite name=\"s\" tests=\"1\" time=\"1,5\"/></testsuites>";

    assertThatThrownBy(() -> validate(twoOutcomes)).isInstanceOf(org.xml.sax.SAXException.class);
    assertThatThrownBy(() -> validate(commaTime)).isInstanceOf(org.xml.sax.SAXException.class);
  }

  @Test
  void runIsOneSuiteWithOneCasePerStep() throws Exception {
    Document doc = parse(JUnitXml.forRun(SampleRuns.nightDrive()));

    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
    assertThat(suite.getAttribute("name")).isEqualTo("night-drive");
    assertThat(suite.getAttribute("tests")).isEqualTo("6");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("time")).isEqualTo("42.500");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T10:00:00");
    assertThat(names(doc.getElementsByTagName("testcase")))
        .containsExactly("words", "draft", "longer", "fixed", "unplugged", "extra");
  }

  @Test
  void failedStepCarriesItsCauseAndSkippedStepItsReason() throws Exception {
    Document doc = parse(JUnitXml.forRun(SampleRuns.nightDrive()));

    Element fixed = testcase(doc, "fixed");
    Element failure = (Element) fixed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("job failed after 3 attempts: server said <CUDA out of memory> & gave up");
    assertThat(failure.getTextContent()).contains("attempts: 3").contains("task ids: task-fixed");
    assertThat(fixed.getAttribute("time")).isEqualTo("20.000");
    assertThat(fixed.getAttribute("classname")).isEqualTo("night-drive.repaint");
    Element skipped = (Element) testcase(doc, "unplugged").getElementsByTagName("skipped").item(0);
    assertThat(skipped.getAttribute("message")).isEqualTo("skipped because 'fixed' failed");
  }

  @Test
  void passedStepHasItsTimeAndCachedStepTakesNone() throws Exception {
    Document doc = parse(JUnitXml.forRun(SampleRuns.nightDrive()));

    assertThat(testcase(doc, "longer").getAttribute("time")).isEqualTo("18.790");
    assertThat(testcase(doc, "longer").getElementsByTagName("failure").getLength()).isZero();
    assertThat(testcase(doc, "draft").getAttribute("time")).isEqualTo("0.000");
    assertThat(testcase(doc, "draft").getElementsByTagName("system-out").item(0).getTextContent())
        .contains("cached")
        .contains("take 1: takes/draft/take-1.flac (2.00 s, seed 12, sha256 bb22)");
  }

  @Test
  void runThatFailedWithoutAFailedStepIsStillRed() throws Exception {
    RunReport run =
        new RunReport(
            "p",
            "p.yaml",
            "r",
            T0,
            T0.plusSeconds(3),
            4,
            "server http://gpu:8001 unreachable\nafter 5 tries",
            List.of(
                step(
                    "a",
                    "generate",
                    StepRun.State.SKIPPED,
                    "server unavailable",
                    0,
                    -1,
                    -1,
                    null,
                    List.of(),
                    List.of())),
            "",
            List.of(),
            null);

    String xml = JUnitXml.forRun(run);

    validate(xml);
    Element error = (Element) parse(xml).getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("message")).isEqualTo("server http://gpu:8001 unreachable");
    assertThat(error.getAttribute("type")).isEqualTo("exit-4");
    assertThat(((Element) error.getParentNode()).getAttribute("name")).isEqualTo("(run)");
    assertThat(
            ((Element) parse(xml).getElementsByTagName("testsuite").item(0)).getAttribute("tests"))
        .isEqualTo("2");
  }

  @Test
  void aRunThatExitsOneWithoutAFailedStepIsAFailureNotAnError() throws Exception {
    RunReport run =
        new RunReport(
            "p",
            "p.yaml",
            "r",
            T0,
            T0.plusSeconds(3),
            1,
            "album not written: cannot create out/album",
            List.of(
                step(
                    "a",
                    "generate",
                    StepRun.State.CACHED,
                    "",
                    0,
                    -1,
                    -1,
                    null,
                    List.of(),
                    List.of())),
            "",
            List.of(),
            null);

    String xml = JUnitXml.forRun(run);

    validate(xml);
    Element failure = (Element) parse(xml).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("album not written: cannot create out/album");
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("(run)");
    Element suite = (Element) parse(xml).getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
  }

  @Test
  void dropsCharactersXmlCannotHoldAndEscapesMarkup() throws Exception {
    String nasty = "a\u0000b\u0001c\u001Fd\uFFFEe\uD800f <x> & \"q\" 'a' \uD83C\uDFB5";
    RunReport run =
        SampleRuns.run(
            List.of(
                step(
                    "s]]>" + nasty,
                    "generate",
                    StepRun.State.FAILED,
                    nasty,
                    1,
                    0,
                    1,
                    null,
                    List.of(),
                    List.of())));

    String xml = JUnitXml.forRun(run);

    validate(xml);
    Element failure = (Element) parse(xml).getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("abcdef <x> & \"q\" 'a' \uD83C\uDFB5");
    assertThat(((Element) failure.getParentNode()).getAttribute("name")).startsWith("s]]>abcdef");
  }

  @Test
  void keepsLineBreaksInsideAttributes() throws Exception {
    RunReport run =
        SampleRuns.run(
            List.of(
                step(
                    "a",
                    "generate",
                    StepRun.State.SKIPPED,
                    "line one\nline two",
                    0,
                    -1,
                    -1,
                    null,
                    List.of(),
                    List.of())));

    Element skipped = (Element) parse(JUnitXml.forRun(run)).getElementsByTagName("skipped").item(0);

    assertThat(skipped.getAttribute("message")).isEqualTo("line one\nline two");
  }

  @Test
  void redactsBearerTokensQuotedInACause() {
    RunReport run =
        SampleRuns.run(
            List.of(
                step(
                    "a",
                    "generate",
                    StepRun.State.FAILED,
                    "401 with Authorization: Bearer sk-secret-1",
                    1,
                    0,
                    1,
                    null,
                    List.of(),
                    List.of())));

    assertThat(JUnitXml.forRun(run)).doesNotContain("sk-secret-1").contains("Bearer ***");
  }

  @Test
  void writesTimesWithADotWhateverTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);

      assertThat(JUnitXml.forRun(SampleRuns.nightDrive()))
          .contains("time=\"42.500\"")
          .doesNotContain("42,500");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void validationIsOneCasePerFileWithDiagnosticsAsFailures() throws Exception {
    SourceLocation at = new SourceLocation("bad.yaml", 14, 11);
    List<ValidatedFile> files =
        List.of(
            new ValidatedFile("good.yaml", List.of(), Duration.ofMillis(12)),
            new ValidatedFile(
                "bad.yaml",
                List.of(
                    Diagnostic.error(
                        "unknown-step", at, "'from: draf' names no step", "did you mean 'draft'?"),
                    Diagnostic.error(
                        "out-of-range",
                        new SourceLocation("bad.yaml", 20, 5),
                        "bpm 400 is above 300")),
                Duration.ofMillis(30)),
            new ValidatedFile(
                "warned.yaml",
                List.of(
                    new Diagnostic(
                        Severity.WARNING,
                        "unused-var",
                        new SourceLocation("warned.yaml", 3, 3),
                        "var 'x' is never used",
                        "")),
                Duration.ZERO));

    String xml = JUnitXml.forValidation(files, T0);

    validate(xml);
    Document doc = parse(xml);
    assertThat(names(doc.getElementsByTagName("testcase")))
        .containsExactly("good.yaml", "bad.yaml", "warned.yaml");
    assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
    Element failure = (Element) testcase(doc, "bad.yaml").getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("unknown-step");
    assertThat(failure.getAttribute("message"))
        .isEqualTo(
            "2 errors; first: bad.yaml:14:11: error[unknown-step]: 'from: draf' names no step");
    assertThat(failure.getTextContent())
        .isEqualTo(
            "bad.yaml:14:11: error[unknown-step]: 'from: draf' names no step (did you mean 'draft'?)\n"
                + "bad.yaml:20:5: error[out-of-range]: bpm 400 is above 300\n");
    assertThat(
            testcase(doc, "warned.yaml")
                .getElementsByTagName("system-out")
                .item(0)
                .getTextContent())
        .contains("warning[unused-var]");
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("0.042");
  }

  @Test
  void writeReplacesTheFileAtomically() throws Exception {
    Path out = dir.resolve("reports/junit.xml");
    JUnitXml.write(out, "old");

    JUnitXml.write(out, JUnitXml.forRun(SampleRuns.nightDrive()));

    assertThat(Files.readString(out)).startsWith("<?xml");
    assertThat(Files.list(out.getParent())).containsExactly(out);
  }

  private static void validate(String xml) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    var schema = factory.newSchema(JUnitXmlTest.class.getResource("/junit/junit.xsd"));
    Validator validator = schema.newValidator();
    validator.validate(new StreamSource(new StringReader(xml)));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> names(NodeList cases) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      out.add(((Element) cases.item(i)).getAttribute("name"));
    }
    return out;
  }

  private static Element testcase(Document doc, String name) {
    NodeList cases = doc.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      if (((Element) cases.item(i)).getAttribute("name").equals(name)) {
        return (Element) cases.item(i);
      }
    }
    throw new AssertionError("no testcase " + name);
  }
}
