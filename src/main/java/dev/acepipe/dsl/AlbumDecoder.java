package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.isScalar;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code album:} section: title, format, loudness, mastering and the ordered tracks. */
final class AlbumDecoder {
  /** A step id, optionally with a matrix instance suffix {@code [k=v,...]}. */
  private static final Pattern INSTANCE_REF =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\[[^\\]]+\\])?");

  private final Nodes nodes;

  AlbumDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  AlbumSpec album(Node node) {
    MappingNode map = nodes.mapping(node, "'album' must be a map with 'title' and 'tracks'", "");
    if (map == null) {
      return null;
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.ALBUM_KEYS, "album", "");
    String title =
        e.containsKey("title")
            ? nodes.literalText(e.get("title").getValueNode(), "album title")
            : null;
    if (!e.containsKey("title")) {
      nodes.error(Codes.MISSING_FIELD, map, "'album' has no 'title'", "e.g. title: Night Drive");
    }
    String artist =
        e.containsKey("artist")
            ? nodes.literalText(e.get("artist").getValueNode(), "album artist")
            : null;
    String format = "flac";
    if (e.containsKey("format")) {
      Node fn = e.get("format").getValueNode();
      String f = nodes.literalText(fn, "album format");
      if (f != null && !AlbumSpec.FORMATS.contains(f)) {
        nodes.error(
            Codes.OUT_OF_RANGE,
            fn,
            "album format must be one of "
                + String.join(", ", AlbumSpec.FORMATS)
                + ", got '"
                + f
                + "'",
            Suggest.didYouMean(f, AlbumSpec.FORMATS).orElse(""));
      } else if (f != null) {
        format = f;
      }
    }
    Double loudness = null;
    if (e.containsKey("loudness")) {
      Node ln = e.get("loudness").getValueNode();
      if (!isScalar(ln, Tag.INT) && !isScalar(ln, Tag.FLOAT)) {
        nodes.error(
            Codes.WRONG_TYPE,
            ln,
            "album loudness must be a target in LUFS such as -14, got " + describe(ln));
      } else {
        try {
          double v = Double.parseDouble(text(ln).replace("_", ""));
          if (v < AlbumSpec.MIN_LUFS || v > AlbumSpec.MAX_LUFS) {
            nodes.error(
                Codes.OUT_OF_RANGE,
                ln,
                "album loudness must be between -70 and -1 LUFS, got " + text(ln),
                "streaming services use about -14");
          } else {
            loudness = v;
          }
        } catch (NumberFormatException ex) {
          nodes.error(Codes.WRONG_TYPE, ln, "album loudness must be a number, got " + describe(ln));
        }
      }
    }
    String dir =
        e.containsKey("dir") ? nodes.literalText(e.get("dir").getValueNode(), "album dir") : null;
    List<AlbumSpec.TrackSpec> tracks = new ArrayList<>();
    if (!e.containsKey("tracks")) {
      nodes.error(
          Codes.MISSING_FIELD,
          map,
          "'album' has no 'tracks'",
          "list them in order: tracks: [{step: intro, title: Intro}, ...]");
    } else if (!(e.get("tracks").getValueNode() instanceof SequenceNode seq)
        || seq.getValue().isEmpty()) {
      nodes.error(
          Codes.WRONG_TYPE,
          e.get("tracks").getValueNode(),
          "album 'tracks' must be a non-empty list of {step, title}, got "
              + describe(e.get("tracks").getValueNode()));
    } else {
      for (Node item : seq.getValue()) {
        AlbumSpec.TrackSpec t = track(item);
        if (t != null) {
          tracks.add(t);
        }
      }
    }
    if (title == null || tracks.isEmpty()) {
      return null;
    }
    SourceLocation dirAt = e.containsKey("dir") ? nodes.locate(e.get("dir").getValueNode()) : null;
    return new AlbumSpec(
        title, artist, format, loudness, dir, tracks, nodes.locate(map), dirAt, mastering(e));
  }

  AlbumSpec.TrackSpec track(Node node) {
    MappingNode map =
        nodes.mapping(node, "an album track must be a map {step: REF, title: TEXT}", "");
    if (map == null) {
      return null;
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.TRACK_KEYS, "album track", "");
    if (!e.containsKey("step") || !e.containsKey("title")) {
      nodes.error(
          Codes.MISSING_FIELD,
          map,
          "an album track needs 'step' and 'title'",
          "e.g. {step: intro, title: Intro}");
      return null;
    }
    Node sn = e.get("step").getValueNode();
    String refText = nodes.literalText(sn, "track step");
    if (refText == null) {
      return null;
    }
    StepRef ref = StepRef.parse(refText).orElse(null);
    if (ref == null || !INSTANCE_REF.matcher(ref.step()).matches()) {
      nodes.error(
          Codes.WRONG_TYPE,
          sn,
          "track step '"
              + refText
              + "' must be a step id, step#take or a matrix instance such as hook[mood=dark]");
      return null;
    }
    Node tn = e.get("title").getValueNode();
    String title = nodes.literalText(tn, "track title");
    if (title == null) {
      return null;
    }
    return new AlbumSpec.TrackSpec(ref, title, nodes.locate(sn), nodes.locate(tn));
  }

  /**
   * The album's {@code loudness_mode} ({@code track} or {@code album}) and {@code true_peak}
   * ceiling.
   */
  dev.acepipe.dsl.model.AlbumMastering mastering(Map<String, NodeTuple> e) {
    boolean album = false;
    if (e.containsKey("loudness_mode")) {
      Node n = e.get("loudness_mode").getValueNode();
      String mode = text(n);
      if (!(n instanceof ScalarNode) || !(mode.equals("track") || mode.equals("album"))) {
        nodes.error(
            Codes.OUT_OF_RANGE,
            n,
            "album loudness_mode must be track or album, got " + describe(n),
            "album keeps the tracks' loudness relative to each other; track brings each to the target");
      }
      album = mode.equals("album");
    }
    double ceiling = dev.acepipe.dsl.model.AlbumMastering.DEFAULT_TRUE_PEAK;
    if (e.containsKey("true_peak")) {
      Double v = nodes.number(e.get("true_peak").getValueNode(), "true_peak", -20, 0);
      ceiling = v == null ? ceiling : v;
    }
    return new dev.acepipe.dsl.model.AlbumMastering(album, ceiling);
  }
}
