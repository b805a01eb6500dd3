package dev.acepipe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.audio.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code POST /release_task} as multipart: the request's fields as form fields and the audio as
 * {@code src_audio}/{@code reference_audio} file parts streamed from disk. Snapshot servers answer
 * every multipart request with 500, which becomes an {@link AceStepException.Kind#UPLOAD_REFUSED}
 * saying so. Thread-safe.
 */
final class MultipartSubmit {
  private final OkHttpClient http;
  private final HttpUrl url;
  private final ObjectMapper json;
  private final Responses responses;

  /**
   * @param http a client without a whole-call deadline: an upload may be large
   * @param url the server's {@code /release_task}
   */
  MultipartSubmit(OkHttpClient http, HttpUrl url, ObjectMapper json, Responses responses) {
    this.http = http;
    this.url = url;
    this.json = json;
    this.responses = responses;
  }

  /**
   * Submits {@code request} with {@code source} and/or {@code reference} as file parts; see {@link
   * AceStepClient#submitWithUpload(TaskRequest, Path, Path)}.
   *
   * @return the answer's {@code data}, unwrapped; the client reads the submission from it as from a
   *     JSON submit's
   */
  JsonNode submit(TaskRequest request, Path source, Path reference) {
    Objects.requireNonNull(request);
    if (source == null && reference == null) {
      throw new IllegalArgumentException("an upload needs a source or a reference file");
    }
    for (Path file : new Path[] {source, reference}) {
      if (file != null && !Files.isRegularFile(file)) {
        throw new UncheckedIOException(
            new NoSuchFileException(
                file.toString(), null, "audio to upload is not a readable file"));
      }
    }
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    ObjectNode fields = json.valueToTree(request);
    // An uploaded file is that role's audio; a server path alongside it would be ambiguous.
    if (source != null) {
      fields.remove("src_audio_path");
    }
    if (reference != null) {
      fields.remove("reference_audio_path");
    }
    fields
        .fields()
        .forEachRemaining(f -> form.addFormDataPart(f.getKey(), formValue(f.getValue())));
    // RequestBody.create(File, ...) copies from the file as the socket takes it: the audio is never
    // in memory.
    if (source != null) {
      form.addFormDataPart(
          "src_audio",
          source.getFileName().toString(),
          RequestBody.create(source.toFile(), audioType(source)));
    }
    if (reference != null) {
      form.addFormDataPart(
          "reference_audio",
          reference.getFileName().toString(),
          RequestBody.create(reference.toFile(), audioType(reference)));
    }
    Request req = new Request.Builder().url(url).post(form.build()).build();
    String endpoint = "/release_task";
    try (Response response = http.newCall(req).execute()) {
      if (response.code() == 500) {
        String detail = responses.detailOf(response);
        throw new AceStepException(
            endpoint,
            500,
            "this server does not accept audio uploads (older ACE-Step); use audio already on the server by its"
                + " path (an import step's server_path), or use a newer ACE-Step server (server said: "
                + detail
                + ")",
            false,
            AceStepException.Kind.UPLOAD_REFUSED,
            null);
      }
      return responses.unwrap(endpoint, response);
    } catch (IOException e) {
      throw responses.transport(endpoint, e);
    }
  }

  private static MediaType audioType(Path file) {
    return MediaType.get(
        AudioFormat.byExtension(file)
            .map(AudioFormat::mediaType)
            .orElse("application/octet-stream"));
  }

  private static String formValue(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
