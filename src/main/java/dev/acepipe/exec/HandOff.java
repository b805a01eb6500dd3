package dev.acepipe.exec;

import dev.acepipe.client.ServerProfile;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * How audio that already exists (a take rendered earlier, in this run or a cached one, or an
 * imported file) reaches the server as a job's source or reference: by its server path, or
 * uploaded. The two server generations disagree (see docs/servers.md): snapshot servers refuse
 * every upload but accept any absolute path; newer servers accept uploads but refuse absolute paths
 * outside their temp dir, their own outputs included. So the way is chosen from the {@link
 * ServerProfile}, corrected by what the run has seen so far ({@link #uploadRefused()}, {@link
 * #pathRefused()}), and the executor falls back the other way on the specific error.
 *
 * <p>Not thread-safe: the executor's loop is its only user.
 */
final class HandOff {
  /** How one piece of audio goes to the server. */
  enum Way {
    /** {@code src_audio_path} / {@code reference_audio_path}: a file the server already has. */
    PATH,
    /** A multipart file field: the local copy. */
    UPLOAD
  }

  /** Which request field the audio fills. */
  enum Role {
    SOURCE("source"),
    REFERENCE("reference");

    final String word;

    Role(String word) {
      this.word = word;
    }
  }

  private final ServerProfile profile;
  private boolean uploadRefused;
  private boolean pathRefused;

  HandOff(ServerProfile profile) {
    this.profile = profile;
  }

  ServerProfile profile() {
    return profile;
  }

  /** Uploads are possible as far as the profile and this run know. */
  boolean uploadsAccepted() {
    return profile.acceptsUploads() && !uploadRefused;
  }

  /** Absolute server paths are possible as far as the profile and this run know. */
  boolean pathsAccepted() {
    return profile.acceptsAbsolutePaths() && !pathRefused;
  }

  /** The server answered an upload with the "uploads refused" 500: use paths from now on. */
  void uploadRefused() {
    uploadRefused = true;
  }

  /** The server answered a path with the "absolute paths refused" 400: upload from now on. */
  void pathRefused() {
    pathRefused = true;
  }

  /**
   * The way to try first.
   *
   * @param onThisServer the take has a path on this very server (rendered here, or an import's
   *     {@code server_path})
   * @param live the server still serves that path (probed); only asked when a path would be tried
   * @return empty when neither way can work: the step must fail before anything is submitted
   */
  Optional<Way> first(boolean onThisServer, BooleanSupplier live) {
    boolean tryPath = onThisServer && !pathRefused;
    if (tryPath && pathsAccepted() && live.getAsBoolean()) {
      return Optional.of(Way.PATH);
    }
    if (uploadsAccepted()) {
      return Optional.of(Way.UPLOAD);
    }
    // No upload possible: a path is the last chance even where the profile expects a refusal (newer
    // servers
    // accept paths inside their temp dir, so their own outputs may pass).
    if (tryPath && !pathsAccepted() && live.getAsBoolean()) {
      return Optional.of(Way.PATH);
    }
    return Optional.empty();
  }

  /**
   * Why audio cannot reach this server, and what the user can do, for the step's error.
   *
   * @param ref the take as the pipeline names it
   * @param fromImport the take is an {@code import} step's file
   * @param take the take
   * @param server this run's server
   */
  String advice(Role role, AudioRef ref, boolean fromImport, TakeResult take, String server) {
    String generation = profile.generation().name().toLowerCase(Locale.ROOT);
    String refusesUploads =
        "server " + server + " (" + generation + " generation) does not accept audio uploads";
    if (fromImport && !take.onServer()) {
      return "the "
          + role.word
          + " '"
          + ref
          + "' is a local file and "
          + refusesUploads
          + "; copy the file onto "
          + "the server and add `server_path: <absolute path on the server>` to import step '"
          + ref.stepId()
          + "'";
    }
    if (fromImport) {
      return "the "
          + role.word
          + " '"
          + ref
          + "': server_path "
          + take.serverPath()
          + " is not on server "
          + server
          + " (GET /v1/audio found nothing there) and "
          + refusesUploads.substring(refusesUploads.indexOf("does"))
          + "; fix server_path on import step '"
          + ref.stepId()
          + "'";
    }
    String where = take.server().isEmpty() ? "an earlier run" : take.server();
    String gone =
        take.onServer(server)
            ? "no longer has " + take.serverPath()
            : "does not have it (it was rendered on " + where + ")";
    return "the "
        + role.word
        + " '"
        + ref
        + "' cannot reach the server: "
        + server
        + " "
        + gone
        + " and "
        + refusesUploads.substring(refusesUploads.indexOf("does"))
        + "; render it again on this server with "
        + "`engine run PIPELINE --from "
        + ref.stepId()
        + "`";
  }
}
