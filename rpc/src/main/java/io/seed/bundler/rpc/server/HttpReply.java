package io.seed.bundler.rpc.server;

import java.util.Objects;

/**
 * What a plain GET route answers.
 *
 * @param status the HTTP status code
 * @param contentType the media type of {@code body}, sent with {@code charset=utf-8}
 * @param body the body text
 */
public record HttpReply(int status, String contentType, String body) {
  public HttpReply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
  }

  /** A JSON reply. */
  public static HttpReply json(int status, String body) {
    return new HttpReply(status, "application/json", body);
  }
}
