package dev.acepipe.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.audio.tag.Container;
import dev.acepipe.audio.tag.Lineage;
import dev.acepipe.audio.tag.LineageTags;
import dev.acepipe.audio.tag.TagException;
import dev.acepipe.store.CanonicalJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine inspect FILE}: prints the lineage acepipe wrote into an output file (pipeline,
 * step, fingerprint, seed, model, acepipe version) and, when javax.sound can probe it cheaply, its
 * format and duration. Exit 2 when the file does not exist, 3 when it carries no acepipe lineage.
 */
@Command(
    name = "inspect",
    description = "Show the recipe (lineage) recorded in an audio file acepipe rendered.")
public final class InspectCommand extends EngineCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "A WAV, FLAC or MP3 file.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  private record Probe(int sampleRate, int channels, Double durationSeconds) {}

  @Override
  public Integer call() {
    if (!Files.isRegularFile(file)) {
      throw new CliException(ExitCodes.USAGE, file + ": no such file");
    }
    Container container;
    Optional<Lineage> lineage;
    try {
      container = LineageTags.containerOf(file);
      lineage = LineageTags.read(file);
    } catch (TagException e) {
      throw new CliException(
          ExitCodes.INVALID, file + ": no acepipe lineage (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, file + ": cannot read: " + e.getMessage(), e);
    }
    if (lineage.isEmpty()) {
      throw new CliException(
          ExitCodes.INVALID,
          file + ": no acepipe lineage (a " + container + " file that acepipe did not tag)");
    }
    Optional<Probe> probe = probe(file);
    PrintWriter out = main.out();
    if (format == OutputFormat.json) {
      out.print(CanonicalJson.pretty(json(container, lineage.get(), probe)));
    } else {
      printText(out, container, lineage.get(), probe);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void printText(PrintWriter out, Container container, Lineage l, Optional<Probe> probe) {
    out.println("file:        " + file);
    String format = container.toString();
    if (probe.isPresent()) {
      Probe p = probe.get();
      format +=
          ", "
              + p.sampleRate()
              + " Hz, "
              + p.channels()
              + (p.channels() == 1 ? " channel" : " channels");
      if (p.durationSeconds() != null) {
        format += String.format(Locale.ROOT, ", %.2f s", p.durationSeconds());
      }
    }
    out.println("format:      " + format);
    out.println("pipeline:    " + l.pipeline());
    out.println("step:        " + l.step());
    out.println("fingerprint: " + l.fingerprint());
    out.println("seed:        " + l.seed());
    out.println("model:       " + l.model());
    out.println("acepipe:     " + l.acepipeVersion());
    if (l.renderedBy() != null) {
      out.println("rendered by: " + l.renderedBy());
    }
    if (l.serverUsed() != null) {
      out.println("server used: " + l.serverUsed());
    }
    if (l.lora() != null) {
      out.println("lora:        " + l.lora());
    }
  }

  private ObjectNode json(Container container, Lineage l, Optional<Probe> probe) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("file", file.toString());
    o.put("container", container.name().toLowerCase(Locale.ROOT));
    probe.ifPresent(
        p -> {
          o.put("sample_rate", p.sampleRate());
          o.put("channels", p.channels());
          if (p.durationSeconds() != null) {
            o.put("duration_seconds", Math.round(p.durationSeconds() * 1000) / 1000.0);
          }
        });
    ObjectNode lin = o.putObject("lineage");
    lin.put("pipeline", l.pipeline());
    lin.put("step", l.step());
    lin.put("fingerprint", l.fingerprint());
    lin.put("seed", l.seed());
    lin.put("model", l.model());
    lin.put("acepipe_version", l.acepipeVersion());
    if (l.renderedBy() != null) {
      lin.put("rendered_by", l.renderedBy());
    }
    if (l.serverUsed() != null) {
      lin.put("server_used", l.serverUsed());
    }
    if (l.lora() != null) {
      lin.put("lora", l.lora());
    }
    return o;
  }

  /**
   * Format facts from javax.sound's readers; absent when no installed reader understands the file.
   */
  private static Optional<Probe> probe(Path file) {
    try {
      AudioFileFormat aff = AudioSystem.getAudioFileFormat(file.toFile());
      AudioFormat f = aff.getFormat();
      Double seconds = null;
      Object micros = aff.properties().get("duration");
      if (micros instanceof Long us && us > 0) {
        seconds = us / 1_000_000.0;
      } else if (aff.getFrameLength() > 0 && f.getFrameRate() > 0) {
        seconds = aff.getFrameLength() / (double) f.getFrameRate();
      }
      return Optional.of(new Probe(Math.round(f.getSampleRate()), f.getChannels(), seconds));
    } catch (Exception e) {
      // Only the lineage is essential; a file javax.sound cannot probe still has one.
      return Optional.empty();
    }
  }
}
