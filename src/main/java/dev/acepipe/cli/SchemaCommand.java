package dev.acepipe.cli;

import dev.acepipe.validate.SchemaCheck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engine schema}: prints the JSON Schema of pipeline files (the one {@code validate} checks
 * against), so an editor can use it outside this repository: {@code engine schema >
 * pipeline.schema.json}, or {@code --output}.
 */
@Command(
    name = "schema",
    description =
        "Print the JSON Schema of pipeline files (for editors: yaml-language-server, IDEs).")
public final class SchemaCommand extends EngineCommand {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the schema to FILE (atomically).")
  Path output;

  @Override
  public Integer call() throws IOException {
    String schema = text();
    if (output != null) {
      dev.acepipe.store.AtomicFiles.writeString(output, schema);
      main.out().println("wrote " + output);
    } else {
      main.out().print(schema);
    }
    main.out().flush();
    return ExitCodes.OK;
  }

  /** The packaged schema, as the build copied it from {@code schemas/pipeline.schema.json}. */
  static String text() throws IOException {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE)) {
      if (in == null) {
        throw new CliException(
            ExitCodes.RUN_FAILED, "the pipeline schema is missing from this build");
      }
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return s.endsWith("\n") ? s : s + "\n";
    }
  }
}
