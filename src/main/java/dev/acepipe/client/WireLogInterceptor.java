package dev.acepipe.client;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Logs one line per exchange through a {@link WireLog}. Runs as an application interceptor, i.e.
 * before {@link AuthInterceptor} adds the key, and never prints headers or bodies anyway: the key
 * cannot leak from here.
 */
final class WireLogInterceptor implements Interceptor {
  private final WireLog log;
  private final Redactor redactor;

  WireLogInterceptor(WireLog log, Redactor redactor) {
    this.log = log;
    this.redactor = redactor;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String target =
        redactor.redact(
            request.method()
                + " "
                + request.url().encodedPath()
                + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.log(target + " -> " + response.code() + " (" + ms + " ms)");
      return response;
    } catch (IOException e) {
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      log.log(
          target
              + " -> failed after "
              + ms
              + " ms: "
              + redactor.redact(String.valueOf(e.getMessage())));
      throw e;
    }
  }
}
