package dev.acepipe.client;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds {@code Authorization: Bearer <key>} to requests for the configured server only, so an
 * absolute {@code file} URL pointing elsewhere never receives the key.
 */
final class AuthInterceptor implements Interceptor {
  private final HttpUrl server;
  private final String headerValue;

  AuthInterceptor(HttpUrl server, String apiKey) {
    this.server = server;
    this.headerValue = "Bearer " + apiKey;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    boolean sameOrigin =
        url.scheme().equals(server.scheme())
            && url.host().equals(server.host())
            && url.port() == server.port();
    if (!sameOrigin) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header("Authorization", headerValue).build());
  }

  @Override
  public String toString() {
    return "AuthInterceptor[" + server + ", key=***]";
  }
}
