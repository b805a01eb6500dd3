package dev.acepipe.dsl.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded pipeline file (DSL v1).
 *
 * @param file the file name as the user gave it (used in every location)
 * @param version always 1 for now
 * @param name the pipeline's name (defaults to the file name without extension)
 * @param seed the pipeline seed; step seeds derive from it unless a step sets one
 * @param serverSpec the {@code server:} block, or null for the embedded server; see {@link
 *     #server()}
 * @param vars {@code vars:} in declaration order; values may use {@code ${env}} and {@code
 *     ${params}}
 * @param steps by id, in declaration order
 * @param outputs in declaration order
 * @param params {@code params:} declarations by name (the including file's win over included ones)
 * @param album the {@code album:} section, or null; see {@link #albumSpec()}
 * @param includes the display names of every included file, in load order
 * @param store the {@code store:} block, or null; see {@link #storeSpec()}
 * @param switchModels {@code models: {switch: true}}: a step whose model the server has but does
 *     not run may have it loaded ({@code /v1/init}) between jobs
 */
public record Pipeline(
    String file,
    int version,
    String name,
    long seed,
    ServerSpec serverSpec,
    Map<String, Template> vars,
    Map<String, Step> steps,
    List<OutputSpec> outputs,
    Map<String, ParamSpec> params,
    AlbumSpec album,
    List<String> includes,
    StoreSpec store,
    boolean switchModels) {

  public Pipeline {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
    outputs = List.copyOf(outputs);
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    includes = List.copyOf(includes);
  }

  /** The {@code album:} section, if written. */
  public Optional<AlbumSpec> albumSpec() {
    return Optional.ofNullable(album);
  }

  /** The {@code store:} block (a shared remote store), if written. */
  public Optional<StoreSpec> storeSpec() {
    return Optional.ofNullable(store);
  }

  /** The configured server; empty means the embedded one. */
  public Optional<ServerSpec> server() {
    return Optional.ofNullable(serverSpec);
  }

  public Optional<Step> step(String id) {
    return Optional.ofNullable(steps.get(id));
  }
}
