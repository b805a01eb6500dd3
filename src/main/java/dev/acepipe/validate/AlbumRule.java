package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Suggest;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.Instances;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code album:} section: every track names a step that exists ({@code unknown-step}) and makes
 * audio ({@code wrong-type}), one instance of a matrix step ({@code matrix-ref}), and a take it has
 * ({@code bad-take}); titles are unique ignoring case and usable in a file name ({@code album});
 * {@code dir} stays inside the project ({@code output-path}).
 */
public final class AlbumRule implements Rule {
  private static final String UNSAFE = "/\\:*?\"<>|";

  @Override
  public void check(Pipeline pipeline, Set<String> declared, List<Diagnostic> out) {
    AlbumSpec album = pipeline.albumSpec().orElse(null);
    if (album == null) {
      return;
    }
    album
        .directory()
        .ifPresent(
            dir -> {
              String trimmed = dir.replace('\\', '/').replaceAll("/+$", "");
              String problem = trimmed.isEmpty() ? "is empty" : OutputPathRule.problem(trimmed);
              if (problem != null) {
                out.add(
                    Diagnostic.error(
                        Codes.OUTPUT_PATH,
                        album.dirLocation(),
                        "album dir '" + dir + "' " + problem,
                        "write a relative directory such as 'out/album'"));
              }
            });
    Map<String, AlbumSpec.TrackSpec> titles = new HashMap<>();
    for (AlbumSpec.TrackSpec track : album.tracks()) {
      ref(pipeline, declared, track, out);
      String title = track.title().strip();
      if (title.chars().anyMatch(c -> UNSAFE.indexOf(c) >= 0 || c < 0x20)
          || title.startsWith(".")) {
        out.add(
            Diagnostic.error(
                Codes.ALBUM,
                track.titleLocation(),
                "track title '" + title + "' cannot be part of a file name",
                "leave out / \\ : * ? \" < > | and a leading '.'"));
        continue;
      }
      AlbumSpec.TrackSpec first = titles.putIfAbsent(title.toLowerCase(Locale.ROOT), track);
      if (first != null) {
        out.add(
            Diagnostic.error(
                Codes.ALBUM,
                track.titleLocation(),
                "track title '" + title + "' is used twice",
                "first used at line " + first.titleLocation().line()));
      }
    }
  }

  private static void ref(
      Pipeline p, Set<String> declared, AlbumSpec.TrackSpec track, List<Diagnostic> out) {
    StepRef ref = track.ref();
    int bracket = ref.step().indexOf('[');
    String base = bracket < 0 ? ref.step() : ref.step().substring(0, bracket);
    String written = "track '" + ref + "'";
    if (!declared.contains(base)) {
      String hint = Suggest.didYouMean(base, declared).orElse("");
      out.add(
          Diagnostic.error(Codes.UNKNOWN_STEP, track.location(), written + " names no step", hint));
      return;
    }
    Step target = p.steps().get(base);
    if (target == null) {
      return;
    }
    if (!target.kind().producesAudio()) {
      out.add(
          Diagnostic.error(
              Codes.WRONG_TYPE,
              track.location(),
              written + " names a " + target.kind().yamlName() + " step, which produces no audio"));
      return;
    }
    List<String> ids = Instances.ids(target);
    if (bracket < 0 && target.isMatrix()) {
      out.add(
          Diagnostic.error(
              Codes.MATRIX_REF,
              track.location(),
              written + " names a matrix step with " + ids.size() + " instances",
              "name one instance, e.g. '" + ids.get(0) + "', or pick one with a select step"));
      return;
    }
    if (bracket >= 0 && !ids.contains(ref.step())) {
      out.add(RefDiagnostics.noInstance(track.location(), written, base, ids));
      return;
    }
    if (ref.take() >= target.takes()) {
      out.add(RefDiagnostics.badTake(track.location(), written, ref.take(), base, target.takes()));
    }
  }
}
