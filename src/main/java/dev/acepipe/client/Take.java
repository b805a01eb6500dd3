package dev.acepipe.client;

/**
 * One output of a succeeded task.
 *
 * @param fileUrl the result's {@code file}, e.g. {@code /v1/audio?path=%2Fout%2Fa.flac}; may be
 *     empty
 * @param serverPath the URL-decoded {@code path} parameter of {@code fileUrl} (reusable as {@code
 *     src_audio_path}), or empty when {@code fileUrl} has none
 * @param seedValue the seed(s) the server reports having used, verbatim (e.g. {@code "123,456"}),
 *     or empty
 */
public record Take(
    String fileUrl,
    String serverPath,
    String prompt,
    String lyrics,
    Metas metas,
    String seedValue,
    String ditModel,
    String lmModel) {}
